"""EFS volumes should encrypt data in transit (Security Hub ECS.18). Only volumes with an
efsVolumeConfiguration are judged: bind mounts and Docker volumes have nothing to encrypt
(KICS and trivy flag them too)."""

from ecslint.ecs.views import known
from ecslint.fixes import set_value
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for label, efs, base in td.efs_volumes():
        te = efs.get("transitEncryption")
        if te == "ENABLED" or (te is not None and not known(te)):
            continue
        fix = set_value(td.data, base + ("transitEncryption",), "ENABLED", "set transitEncryption to ENABLED")
        if te is None:
            yield Problem(base, f"{label} mounts EFS without transitEncryption, which defaults to DISABLED", fix=fix)
        else:
            yield Problem(base + ("transitEncryption",), f'{label} mounts EFS with transitEncryption "{te}"', fix=fix)


TEMPLATE = Template("efs-transit-encryption", check)
