"""ECS Exec sessions of a cluster should be encrypted with a KMS key and, where they are
logged, logged encrypted (checkov CKV_AWS_224). ExecuteCommandConfiguration: `kmsKeyId`
encrypts the data between the client and the container; `cloudWatchEncryptionEnabled` /
`s3EncryptionEnabled` (default false) encrypt the session log."""

from ecslint.ecs.labels import resource_label
from ecslint.ecs.placeholders import is_unknown
from ecslint.model import CLUSTER, Problem, Template

EXEC = ("configuration", "executeCommandConfiguration")


def check(view, params, ctx):
    conf = view.get("configuration")
    ecc = conf.get("executeCommandConfiguration") if isinstance(conf, dict) else None
    if not isinstance(ecc, dict) or ecc.get("logging") == "NONE" or is_unknown(ecc.get("logging")):
        return  # no ECS Exec configuration (nothing to judge), or one that logs nothing
    label = resource_label(view)
    if ecc.get("kmsKeyId") is None:
        yield Problem(EXEC, f"{label} has no kmsKeyId in executeCommandConfiguration: ECS Exec session data is not "
                            f"encrypted with your KMS key")
    log = ecc.get("logConfiguration")
    if ecc.get("logging") != "OVERRIDE" or not isinstance(log, dict):
        return
    for dest, flag, what in (("cloudWatchLogGroupName", "cloudWatchEncryptionEnabled", "CloudWatch Logs"),
                             ("s3BucketName", "s3EncryptionEnabled", "S3")):
        if log.get(dest) is None or is_unknown(log.get(flag)) or log.get(flag) is True:
            continue
        where = EXEC + ("logConfiguration", flag) if flag in log else EXEC + ("logConfiguration",)
        yield Problem(where, f"{label} logs ECS Exec sessions to {what} without {flag} true: "
                             f"the session log may be written unencrypted")


TEMPLATE = Template("exec-session-unencrypted", check, kinds=(CLUSTER,))
