"""Images should be pinned: a tag like :latest (or no tag) can change under a running service."""

from ecslint.ecs.images import mutable_tag_problem
from ecslint.ecs.labels import container_name
from ecslint.model import Problem, Template

def check(td, params, ctx):
    extra = set(params["mutable-tags"])
    for _, c, ptr in td.containers():
        image = c.get("image")
        if not isinstance(image, str):
            continue
        repo = td.related.get(ptr + ("image",))
        if getattr(repo, "mutability", None) == "IMMUTABLE":
            continue  # the template's own repository keeps every tag on one image
        problem = mutable_tag_problem(image)
        if problem is None and extra:
            tag = image.rsplit("/", 1)[-1].partition("@")[0].rpartition(":")[2]
            if ":" in image.rsplit("/", 1)[-1] and tag in extra:
                problem = f'uses the mutable tag "{tag}"'
        if problem:
            yield Problem(ptr + ("image",), f'container "{container_name(c)}" image "{image}" {problem}')


TEMPLATE = Template("mutable-image-tag", check)
