"""An image from an ECR repository of the same template/module should come from a
repository with immutable tags (ECR imageTagMutability IMMUTABLE): otherwise a push can move
the tag the service runs, and a new task may start another image than its siblings."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.placeholders import is_unknown
from ecslint.ecs.related_facts import Repository
from ecslint.model import TASK_DEFINITION, Problem, Template


def check(td, params, ctx):
    for ptr, repo, c in td.related_to_containers(Repository):
        if is_unknown(repo.mutability) or repo.mutability == "IMMUTABLE":
            continue
        yield Problem(ptr, f'container "{container_name(c)}" runs an image from repository {repo.ref}, whose '
                           f'imageTagMutability is "{repo.mutability}": a push can replace the image behind a tag')


TEMPLATE = Template("image-repository-tag-mutable", check, kinds=(TASK_DEFINITION,))
