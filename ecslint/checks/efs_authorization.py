"""EFS IAM authorization and access points need TLS, and an access point fixes the root
directory: AWS rejects the task definition otherwise (EFSAuthorizationConfig docs)."""

from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for label, efs, base in td.efs_volumes():
        auth = efs.get("authorizationConfig")
        auth = auth if isinstance(auth, dict) else {}
        te = efs.get("transitEncryption")
        needs = [k for k in ("iam", "accessPointId") if
                 (k == "iam" and auth.get("iam") == "ENABLED") or (k == "accessPointId" and auth.get(k))]
        if needs and te != "ENABLED" and (te is None or known(te)):
            what = "EFS IAM authorization" if needs[0] == "iam" else "an EFS access point"
            yield Problem(base + ("authorizationConfig", needs[0]),
                          f'{label} uses {what} but transitEncryption is {te or "not set"}; '
                          f"it must be ENABLED")
        root = efs.get("rootDirectory")
        if auth.get("accessPointId") and isinstance(root, str) and known(root) and root not in ("", "/"):
            yield Problem(base + ("rootDirectory",),
                          f'{label} uses an access point with rootDirectory "{root}"; omit it or use "/" '
                          f"(the access point sets the directory)")


TEMPLATE = Template("efs-authorization", check)
