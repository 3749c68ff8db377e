"""What ECS rejects in `image`: empty, over 255 characters before "@", or a malformed digest.

An empty image is judged like a missing one (ECS102): ECS rejects both, and the
amazon-ecs-render-task-definition action fills in both, so its verdict depends on the deployer."""

from ecslint.deployers import MISSING_IMAGE
from ecslint.ecs.images import digest_problem
from ecslint.ecs.labels import container_label
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        image = c.get("image")
        if image == "":
            yield Problem(ptr + ("image",), f"{container_label(c)} has an empty image", MISSING_IMAGE)
            continue
        if not isinstance(image, str):
            continue  # absent or not a string: the schema rules report it
        problem = digest_problem(image)
        if problem:
            shown = image if len(image) <= 80 else image[:77] + "..."
            yield Problem(ptr + ("image",), f'{container_label(c)} image "{shown}" {_verb(problem)}')


def _verb(problem):
    # digest_problem says either "has ..." or "the image name is ..."
    return problem if problem.startswith("has ") else "is invalid: " + problem


TEMPLATE = Template("invalid-image-reference", check)
