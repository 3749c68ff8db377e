"""resourceRequirements values ECS rejects: an InferenceAccelerator that names no declared
device, and NeuronDevice other than "ALL" or in more than one container."""

from ecslint.ecs.labels import container_label
from ecslint.ecs.views import known
from ecslint.model import Problem, Template


def _requirements(td):
    for _, c, ptr in td.containers():
        reqs = c.get("resourceRequirements")
        for j, r in enumerate(reqs if isinstance(reqs, list) else []):
            if isinstance(r, dict) and isinstance(r.get("value"), str) and known(r["value"]):
                yield c, ptr + ("resourceRequirements", j, "value"), r.get("type"), r["value"]


def check(td, params, ctx):
    accels = td.get("inferenceAccelerators")
    names = [a.get("deviceName") for a in accels if isinstance(a, dict)] if isinstance(accels, list) else []
    devices = {n for n in names if isinstance(n, str)}
    judge_devices = td.task_level_known and all(isinstance(n, str) and known(n) for n in names)
    neuron_owner = None
    for c, ptr, kind, value in _requirements(td):
        if kind == "InferenceAccelerator" and judge_devices and value not in devices:
            yield Problem(ptr, f'{container_label(c)} asks for inference accelerator "{value}", '
                               f"which inferenceAccelerators does not declare")
        elif kind == "NeuronDevice":
            if value != "ALL":
                yield Problem(ptr, f'{container_label(c)} NeuronDevice value is "{value}"; it must be "ALL"')
            elif neuron_owner is not None and neuron_owner is not c:
                yield Problem(ptr, f"{container_label(c)} asks for NeuronDevice, which {container_label(neuron_owner)} "
                                   f"already has; only one container may")
            neuron_owner = neuron_owner or c


TEMPLATE = Template("invalid-resource-requirement", check)
