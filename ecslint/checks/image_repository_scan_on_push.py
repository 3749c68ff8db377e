"""An image from an ECR repository of the same template/module should be scanned when it is
pushed (ECR imageScanningConfiguration scanOnPush; registry-level scanning rules, which
replace it, are not in the file and are not seen)."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.related_facts import Repository
from ecslint.model import TASK_DEFINITION, Problem, Template


def check(td, params, ctx):
    for ptr, repo, c in td.related_to_containers(Repository):
        if repo.scan_on_push is False:
            yield Problem(ptr, f'container "{container_name(c)}" runs an image from repository {repo.ref}, which does '
                               f"not scan images on push")


TEMPLATE = Template("image-repository-scan-on-push", check, kinds=(TASK_DEFINITION,))
