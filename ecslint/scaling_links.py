"""The cross-document stage for Application Auto Scaling CLI input: a scalable target or
scaling policy file is linked to the service and target files of the same run by its
`ResourceId` (`service/<cluster>/<service>`), as a template links them by reference.

Each file's own lint already ran the scaling rules without links; here they run again with
the links, and only the findings the links add are reported. A run's JSON files are not a
whole deployment, as a template or module is: a policy whose target is not in the run may be
registered by another command, and other policies may exist, so those two facts stay
unknown (`registered` None, `policies_known` False).
"""

from __future__ import annotations

import pickle

from ecslint.model import SCALABLE_TARGET, SERVICE, Finding


def record(result, parsed_index: int, position: int, doc, blob: bytes | None = None) -> bool:
    """Keep what this stage needs of one document in its FileResult; True when kept. `blob`:
    the document's data pickled already (a service's, shared with the pair stage)."""
    from ecslint.ecs.scaling import service_resource_id

    if doc.kind == SERVICE:
        rid = service_resource_id(doc.data)
        if rid is not None:
            result.scaling_services.append((rid, blob if blob is not None else pickle.dumps(doc.data, 5)))
        return False
    if doc.links is not None or not isinstance(doc.data.get("ResourceId"), str):
        return False  # linked by its template or module, or nothing to link by
    result.scaling.append((parsed_index, position, doc.kind, doc.data["ResourceId"], pickle.dumps(doc.data, 5)))
    return True


def findings(results: list, settings) -> list[Finding]:
    """The findings the links add, placed in each file by its FileResult.document_placer."""
    from ecslint.ecs.scaling import Links, ScalingView
    from ecslint.settings import Context
    from ecslint.spill import load

    if not any(r.scaling for r in results):
        return []
    services: dict = {}
    targets: dict = {}
    for res in results:
        for rid, blob in res.scaling_services:
            services.setdefault(rid, []).append(blob)
        for _, _, kind, rid, blob in res.scaling:
            if kind == SCALABLE_TARGET:
                targets.setdefault(rid, []).append(blob)
    out: list = []
    ctx = Context(settings)
    for res in results:
        for index, position, kind, rid, _ in res.scaling:
            svc = services.get(rid, [])
            tgt = targets.get(rid, []) if kind != SCALABLE_TARGET else []
            if len(svc) != 1 and len(tgt) != 1:
                continue  # nothing in the run to link it to (or several candidates: not guessed)
            links = Links(service=load(svc[0]) if len(svc) == 1 else None,
                          target=load(tgt[0]) if len(tgt) == 1 else None, policies_known=False)
            doc, placed = res.document_placer(index, position, settings)
            alone, linked = ScalingView(doc.data, doc.origin, None, doc.label), ScalingView(doc.data, doc.origin, links, doc.label)
            out.extend(placed(*found) for found in settings.added_by_links(kind, alone, linked, ctx))
    return out
