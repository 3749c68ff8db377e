"""Terraform source (`.tf`, `.tf.json`) → the documents the plan front end makes.

A module is a directory: every `.tf`/`.tf.json` file beside the one being linted is read for
variables (defaults, then terraform.tfvars, *.auto.tfvars in name order, then
--tf-var-file files), locals, subnets and task definitions, but documents are made only for
the ECS resources of the file itself, so each finding is reported once, in its own file.

Each `aws_ecs_task_definition` / `aws_ecs_service` body is evaluated (ecslint.inputs.hcl)
into the plan's resource `values` shape — blocks become lists of objects, attributes keep
their names — and handed to the plan mapping (ecslint.inputs.terraform_plan), so no argument is
mapped twice. `container_definitions` is decoded here (jsonencode, heredoc or quoted JSON,
file(), templatefile()) so that findings inside it land on the HCL key (or in the referenced
file, at its own line). Pointers are the resource address plus the argument path:
`/aws_ecs_task_definition.web/container_definitions/0/image`.

Terraform converts primitive values for typed arguments (`cpu = 512` is stored as "512");
that conversion is repeated for the arguments listed below. Provider defaults that the plan
would show (deployment percents, desired_count 0...) are not inserted: a rule sees what the
user wrote.
"""

from __future__ import annotations

import json
import os
import re

from ecslint.ecs.placeholders import UNKNOWN
from ecslint.inputs import clusters
from ecslint.inputs import terraform_plan as plan_mapping
from ecslint.model import SERVICE, TASK_DEFINITION

SUFFIXES = (".tf", ".tf.json")
TFVARS = ("terraform.tfvars", "terraform.tfvars.json")
ECS_TYPES = tuple(plan_mapping.ECS_TYPES)  # task definitions, services, clusters... (inputs.clusters)
SUBNET = "aws_subnet"
_META_ARGS = frozenset({"count", "for_each", "depends_on", "provider", "lifecycle"})
_META_BLOCKS = frozenset({"lifecycle", "provisioner", "connection", "timeouts"})
# Terraform core's conversions for the provider's typed arguments (schema-source §A.1).
_STRING_ARGS = frozenset({"cpu", "memory", "family", "network_mode", "name", "cluster", "launch_type",
                          "scheduling_strategy", "platform_version"})
_NUMBER_ARGS = frozenset({"desired_count", "deployment_maximum_percent", "deployment_minimum_healthy_percent",
                          "health_check_grace_period_seconds", "container_port", "weight", "base", "size_in_gib",
                          "port", "transit_encryption_port", "iops", "size_in_gb", "throughput",
                          "min_capacity", "max_capacity", "target_value", "scale_in_cooldown", "scale_out_cooldown",
                          "cooldown", "scaling_adjustment", "min_adjustment_magnitude"})
_BOOL_ARGS = frozenset({"enable_execute_command", "enable_ecs_managed_tags", "assign_public_ip", "enable",
                        "rollback", "encrypted", "configure_at_launch", "autoprovision", "enabled",
                        "enable_fault_injection", "disable_scale_in", "dynamic_scaling_in_suspended",
                        "dynamic_scaling_out_suspended", "scheduled_scaling_suspended",
                        "cloud_watch_encryption_enabled", "s3_bucket_encryption_enabled"})
# Block names for .tf.json, where a single block may be written as an object.
_BLOCKS = frozenset(
    [k for t in (plan_mapping.TASK_TABLE, plan_mapping.SERVICE_TABLE, plan_mapping.TARGET_TABLE,
                 plan_mapping.POLICY_TABLE, *clusters.TF_TABLES.values()) for k, v in t.items() if v[1] in ("b1", "bs")]
    + ["network_configuration", "deployment_circuit_breaker", "alarms", "docker_volume_configuration",
       "execute_command_configuration", "log_configuration", "managed_storage_configuration", "managed_scaling",
       "efs_volume_configuration", "fsx_windows_file_server_volume_configuration", "authorization_config",
       "service", "client_alias", "managed_ebs_volume", "step_adjustment", "predefined_metric_specification",
       "customized_metric_specification", "dimensions"])
_TD_REF = re.compile(r"\baws_ecs_task_definition\.([A-Za-z_][A-Za-z0-9_-]*)(\[)?\.(arn_without_revision|arn|family|id|revision)\b")
_ECS_TEXT = re.compile(r'"aws_ecs_(?:task_definition|service|cluster|capacity_provider|cluster_capacity_providers|task_set)"'
                       r'|"aws_appautoscaling_(?:target|policy)"|terraform-aws-modules/(?:ecs/aws|terraform-aws-ecs)//modules/service')


def handles(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def declares_ecs(text: str) -> bool:
    return _ECS_TEXT.search(text) is not None


# --- files and modules --------------------------------------------------------------------

class TfFile:
    """One parsed file of a module: blocks (.tf) or the JSON value (.tf.json)."""

    def __init__(self, path: str, text: str):
        self.path, self.text = path, text
        self.data = text.encode("utf-8", "surrogatepass")
        self.is_json = path.lower().endswith(".json")
        self.error: tuple | None = None  # (Region, message) of the first syntax error
        self.blocks: list = []
        self.value = None
        self.json_locator = None
        self._chars = None
        if self.is_json:
            from ecslint.source import parse_json

            src = parse_json(path, text)
            if src.error:
                self.error = (src.error.region, src.error.message)
            else:
                self.value = src.documents[0].value
                self.json_locator = src.documents[0].locator
        else:
            from ecslint.inputs import hcl

            tree = hcl.parse(self.data)
            bad = hcl.first_error(tree.root_node)
            if bad is not None:
                what = f"expected {bad.type}" if bad.is_missing else "unexpected text"
                self.error = (self.region(bad.start_byte, max(bad.end_byte, bad.start_byte + 1)), f"invalid HCL: {what}")
            self.blocks = [b for b in hcl.top_blocks(tree) if not b.node.has_error]

    def char(self, byte: int) -> int:
        """Byte offset → character offset in `text` (tree-sitter counts bytes)."""
        if len(self.data) == len(self.text):
            return byte
        return len(self.data[:byte].decode("utf-8", "ignore"))

    def region(self, start: int, end: int):
        from ecslint.source import _region_at, fit

        return fit(self.text, _region_at(self.text, self.char(start), self.char(end)))


class Module:
    def __init__(self, directory: str | None, files: dict, var_files: list):
        self.directory = directory
        self.files = files  # path → TfFile
        self.resources: dict = {}  # address → (TfFile, Block or JSON body)
        self.calls: dict = {}  # module.NAME → (TfFile, Block) of module calls
        variables, sensitive, locals_ = {}, set(), {}
        for f in files.values():
            for kind, name, item in _declarations(f):
                if kind == "variable":
                    variables[name] = item[0]
                    if item[1]:
                        sensitive.add(name)
                elif kind == "local":
                    locals_[name] = (f, item)
                elif kind == "resource":
                    self.resources[name] = (f, item)
                elif kind == "module":
                    self.calls[name] = (f, item)
        for vf in var_files:
            variables.update(vf)
        self.variables, self.sensitive, self.locals = variables, sensitive, locals_
        self.subnets = {}
        for address, (f, body) in self.resources.items():
            if address.startswith(SUBNET + "."):
                az = self.evaluate_attr(f, body, "availability_zone")
                self.subnets[address] = az if isinstance(az, str) and az else None

    def scope(self):
        from ecslint.inputs import hcl

        local_nodes = {}
        for name, (f, item) in self.locals.items():
            local_nodes[name] = (item, _factory(f, self)) if not f.is_json else (item, None)
        scope = hcl.Scope(dict(self.variables), self.sensitive, {}, self.read_file, self.reference)
        for name, (node, factory) in local_nodes.items():
            if factory is None:
                scope.local_values[name] = _json_value(node, scope)
            else:
                scope.local_nodes[name] = (node, factory)
        return scope

    def reference(self, parts):
        """A traversal rooted at a resource type: the module's own subnet stands for its id."""
        if len(parts) == 3 and parts[2] == "id" and f"{parts[0]}.{parts[1]}" in self.subnets:
            return f"{parts[0]}.{parts[1]}"
        return UNKNOWN

    def read_file(self, name: str):
        """file()/templatefile(): relative to the module, never outside the repository."""
        resolved = self.resolve(name)
        if resolved is None:
            return None
        try:
            with open(resolved, "rb") as fh:
                data = fh.read(5 * 1024 * 1024 + 1)
            return data.decode("utf-8") if len(data) <= 5 * 1024 * 1024 else None
        except (OSError, UnicodeDecodeError):
            return None

    def resolve(self, name: str):
        if self.directory is None or "\x00" in name:
            return None
        name = name.replace("${path.module}", ".").replace("${path.root}", ".")
        full = os.path.realpath(os.path.join(self.directory, name))
        root = _repository_root(self.directory)
        if not (full + os.sep).startswith(root + os.sep) or not os.path.isfile(full):
            return None
        return full

    def evaluate_attr(self, f, body, name):
        if f.is_json:
            return _json_value(body.get(name), self.scope()) if isinstance(body, dict) else UNKNOWN
        from ecslint.inputs import hcl

        hit = body.attrs.get(name)
        return hcl.Evaluator(self.scope()).value(hit[1]) if hit else UNKNOWN


def _factory(f, module):
    from ecslint.inputs import hcl

    return lambda scope: hcl.Evaluator(scope)


def _repository_root(directory: str) -> str:
    """The nearest ancestor holding .git (or the module directory itself): files named by
    file()/templatefile() are read only inside it."""
    from ecslint.repository import git_root

    d = os.path.realpath(directory)
    return git_root(d) or d


def _declarations(f: TfFile):
    """(kind, name, item) for variables, locals and resources of one file."""
    if f.is_json:
        v = f.value if isinstance(f.value, dict) else {}
        for name, decl in _json_items(v.get("variable")):
            if isinstance(decl, dict):
                yield "variable", name, (_json_value(decl.get("default"), None), decl.get("sensitive") is True)
        for name, expr in _json_items(v.get("locals")):
            yield "local", name, expr
        for rtype, named in _json_items(v.get("resource")):
            for name, body in _json_items(named):
                if isinstance(body, dict):
                    yield "resource", f"{rtype}.{name}", body
        return
    from ecslint.inputs import hcl

    for b in f.blocks:
        if b.type == "variable" and len(b.labels) == 1:
            default = b.attrs.get("default")
            value = hcl.Evaluator(hcl.Scope()).value(default[1]) if default else UNKNOWN
            sens = b.attrs.get("sensitive")
            is_sensitive = bool(sens) and hcl.Evaluator(hcl.Scope()).value(sens[1]) is True
            yield "variable", b.labels[0], (value, is_sensitive)
        elif b.type == "locals":
            for name, (_, expr) in b.attrs.items():
                yield "local", name, expr
        elif b.type == "resource" and len(b.labels) == 2:
            yield "resource", f"{b.labels[0]}.{b.labels[1]}", b
        elif b.type == "module" and len(b.labels) == 1:
            yield "module", f"module.{b.labels[0]}", b


def _json_items(v):
    """Terraform JSON allows an object, or an array of objects, at each level."""
    if isinstance(v, dict):
        yield from ((k, x) for k, x in v.items() if k != "//")
    elif isinstance(v, list):
        for item in v:
            if isinstance(item, dict):
                yield from ((k, x) for k, x in item.items() if k != "//")


def _json_value(v, scope):
    """A .tf.json value: strings are templates (`"${var.x}"`), the rest literals."""
    if isinstance(v, str):
        if "${" not in v and "%{" not in v:
            return v
        if scope is None:
            return UNKNOWN
        from ecslint.inputs import hcl

        escaped = v.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
        tree = hcl.parse(f'v = "{escaped}"\n'.encode())
        attrs = hcl.attributes(tree)
        return hcl.Evaluator(scope).value(attrs["v"]) if "v" in attrs and not tree.root_node.has_error else UNKNOWN
    if isinstance(v, list):
        return [_json_value(x, scope) for x in v]
    if isinstance(v, dict):
        return {k: _json_value(x, scope) for k, x in v.items() if k != "//"}
    return v


def _var_file(path: str, max_bytes: int) -> dict:
    from ecslint.source import read_bytes
    from ecslint.source import decode

    text = decode(read_bytes(path, max_bytes))
    if path.lower().endswith(".json"):
        value = json.loads(text)
        return {k: _json_value(v, None) for k, v in value.items()} if isinstance(value, dict) else {}
    from ecslint.inputs import hcl

    tree = hcl.parse(text.encode("utf-8", "surrogatepass"))
    ev = hcl.Evaluator(hcl.Scope())
    return {name: ev.value(expr) for name, expr in hcl.attributes(tree).items()}


# Per process: sibling files by path → (stamp, text, names it declares) and parsed files by
# path → (stamp, TfFile). A directory of 100 files is read once, and a file is parsed only
# when the linted one refers to something it declares.
_SIBLINGS: dict = {}
_PARSED: dict = {}
_MAX_PARSED = 32
_REFERENCES = re.compile(r"\b(var|local)\.([A-Za-z_][A-Za-z0-9_-]*)|\b(aws_subnet|aws_ecs_task_definition)\.([A-Za-z_][A-Za-z0-9_-]*)")
_DECLARES = re.compile(r'^[ \t]*(?:variable[ \t]+"([^"]+)"|resource[ \t]+"(aws_subnet|aws_ecs_task_definition)"[ \t]+"([^"]+)")', re.M)
# A file with Auto Scaling resources wants every file that declares a service, target or
# policy: the links (and "no other policy scales in") are judged over the whole module.
_SCALING = re.compile(r'^[ \t]*resource[ \t]+"aws_appautoscaling_(?:target|policy)"', re.M)
_SCALING_PEERS = re.compile(r'^[ \t]*resource[ \t]+"(?:aws_ecs_service|aws_appautoscaling_target|aws_appautoscaling_policy)"', re.M)
_LOCALS = re.compile(r"^[ \t]*locals[ \t]*\{", re.M)
_ASSIGNED = re.compile(r"^[ \t]*([A-Za-z_][A-Za-z0-9_-]*)[ \t]*=", re.M)


def _references(text: str) -> set:
    out = set()
    for m in _REFERENCES.finditer(text):
        out.add(("var" if m.group(1) == "var" else "local", m.group(2)) if m.group(1) else ("res", f"{m.group(3)}.{m.group(4)}"))
    if _SCALING.search(text):
        out.add(("scaling", ""))
    return out


def _declared(path: str, text: str) -> set:
    """Names a file declares, found by a scan (an over-approximation: a match only means
    "parse this file")."""
    if path.lower().endswith(".json"):
        return {("json", "")}  # Terraform JSON: parsed when any name is wanted (stdlib JSON is cheap)
    out = set()
    for m in _DECLARES.finditer(text):
        out.add(("var", m.group(1)) if m.group(1) else ("res", f"{m.group(2)}.{m.group(3)}"))
    if _LOCALS.search(text):
        out.update(("local", m.group(1)) for m in _ASSIGNED.finditer(text))
    if _SCALING_PEERS.search(text):
        out.add(("scaling", ""))
    return out


def _sibling(full: str, settings):
    stamp = _stamp(full)
    hit = _SIBLINGS.get(full)
    if hit is not None and hit[0] == stamp:
        return hit
    from ecslint.source import read_bytes
    from ecslint.source import decode

    text = decode(read_bytes(full, settings.max_bytes))
    entry = (stamp, text, _declared(full, text))
    if len(_SIBLINGS) > 4096:
        _SIBLINGS.clear()
    _SIBLINGS[full] = entry
    return entry


def _parsed(full: str, stamp, text: str) -> TfFile:
    hit = _PARSED.get(full)
    if hit is not None and hit[0] == stamp and hit[1].text == text:
        return hit[1]
    f = TfFile(full, text)
    if len(_PARSED) >= _MAX_PARSED:
        _PARSED.pop(next(iter(_PARSED)))  # the oldest: trees are large, keep a bounded set
    _PARSED[full] = (stamp, f)
    return f


def load_module(path: str, text: str, settings) -> tuple[Module, TfFile]:
    """The module `path` belongs to (its directory), with `text` as that file's content: the
    sibling files that declare what it refers to (transitively), and the module's .tfvars."""
    directory = os.path.dirname(os.path.abspath(path)) if path != "-" and os.path.exists(path) else None
    names: list = []
    var_names: list = []
    if directory is not None:
        try:
            entries = sorted(os.listdir(directory))
        except OSError:
            entries = []
        for n in entries:
            low = n.lower()
            if low.endswith(SUFFIXES):
                names.append(n)
            elif low in TFVARS:
                var_names.insert(0 if low == "terraform.tfvars" else len(var_names), n)
            elif low.endswith((".auto.tfvars", ".auto.tfvars.json")):
                var_names.append(n)
    own = os.path.abspath(path) if directory is not None else path
    own_file = _parsed(own, ("text",), text) if directory is not None else TfFile(path, text)
    own_file.path = path
    files = {own: own_file}
    siblings = {}
    for n in names:
        full = os.path.join(directory or "", n)
        if full != own and os.path.isfile(full):
            try:
                siblings[full] = _sibling(full, settings)
            except Exception:  # noqa: BLE001 - a sibling that cannot be read gives no context; it is reported itself
                continue
    wanted = _references(text)
    pending = True
    while pending and siblings:
        pending = False
        for full, (stamp, sib_text, declared) in list(siblings.items()):
            if declared & wanted or (("json", "") in declared and wanted):
                files[full] = _parsed(full, stamp, sib_text)
                del siblings[full]
                more = _references(sib_text) - wanted
                if more:
                    wanted |= more
                    pending = True
    var_files = []
    extra = list(getattr(settings, "tf_var_files", ()) or ())
    for n in var_names + extra:
        full = os.path.join(directory, n) if directory and not os.path.isabs(n) and n in var_names else n
        try:
            var_files.append(_var_file(full, settings.max_bytes))
        except Exception:  # noqa: BLE001 - a broken .tfvars leaves the defaults in place
            continue
    return Module(directory, files, var_files), own_file


def _stamp(path):
    try:
        st = os.stat(path)
        return (path, st.st_mtime_ns, st.st_size)
    except OSError:
        return (path, None, None)


# --- resources → plan values ------------------------------------------------------------

class Embedded:
    """JSON decoded from a string (heredoc, quoted, file()): where its members are."""

    def __init__(self, tf_file, locator, pieces=None, path=None):
        self.tf_file = tf_file  # the .tf file holding the string, or None when `path` is another file
        self.locator = locator  # JsonLocator over the rendered text
        self.pieces = pieces or []  # rendered offset → source byte pieces (strings in the .tf)
        self.path = path  # the referenced file (file(), templatefile()), findings land there


class Evaluated:
    """One resource evaluated: plan values, byte spans, embedded JSON, sensitive values."""

    def __init__(self, address, tf_file, values, spans, embedded, sensitive_values, ref, indexed, scaling_refs=None):
        self.address, self.tf_file, self.values = address, tf_file, values
        self.scaling_refs = scaling_refs or {}  # what a scaling resource's resource_id references
        self.spans, self.embedded = spans, embedded
        self.sensitive_values = sensitive_values
        self.task_definition_ref = ref
        self.indexed = indexed  # count/for_each: several instances


def evaluate(module: Module, address: str) -> Evaluated:
    tf_file, body = module.resources[address]
    scope = module.scope()
    spans: dict = {}
    embedded: dict = {}
    if tf_file.is_json:
        values = _json_body(body, scope)
        indexed = "count" in body or "for_each" in body
        ref = _td_ref(json.dumps(body.get("task_definition"))) if address.startswith(plan_mapping.TF_SERVICE) else None
        scaling = _scaling_refs(json.dumps(body.get("resource_id")))
    else:
        from ecslint.inputs import hcl

        ev = hcl.Evaluator(scope, spans)
        spans[(address,)] = (body.node.start_byte, body.node.start_byte, body.node.end_byte)
        values = _body(body, ev, (address,), top=True)
        if address.startswith(plan_mapping.TF_TASK) and "container_definitions" in body.attrs:
            attr, expr = body.attrs["container_definitions"]
            values["container_definitions"] = _containers(expr, ev, (address, "container_definitions"),
                                                          attr.start_byte, module, tf_file, embedded)
        indexed = "count" in body.attrs or "for_each" in body.attrs
        ref = None
        if address.startswith(plan_mapping.TF_SERVICE) and "task_definition" in body.attrs:
            ref = _td_ref(body.attrs["task_definition"][1].text.decode("utf-8", "replace"))
        scaling = {}
        if "resource_id" in body.attrs:
            scaling = _scaling_refs(body.attrs["resource_id"][1].text.decode("utf-8", "replace"))
    return Evaluated(address, tf_file, values, spans, embedded, scope.used_sensitive, ref, indexed, scaling)


_SCALING_REF = re.compile(r"\b(aws_ecs_service|aws_appautoscaling_target)\.([A-Za-z_][A-Za-z0-9_-]*)(?=\.)")


def _scaling_refs(text: str) -> dict:
    """The service and scalable target resources a resource_id expression names."""
    return plan_mapping.scaling_refs(".".join(m.groups()) + "." for m in _SCALING_REF.finditer(text or ""))


def _td_ref(text: str):
    """The task definition resource a service's task_definition expression names (unindexed)."""
    names = {(m.group(1), m.group(2)) for m in _TD_REF.finditer(text or "")}
    if len(names) != 1:
        return None
    (name, indexed), = names
    return None if indexed else f"{plan_mapping.TF_TASK}.{name}"


def _body(block, ev, path, top=False) -> dict:
    out = {}
    for name, (attr, expr) in block.attrs.items():
        if top and name in _META_ARGS:
            continue
        if name == "container_definitions" and top:
            continue  # decoded by _containers
        v = _convert(name, ev.value(expr, path + (name,), attr.start_byte))
        if v is not None:
            out[name] = v
    groups: dict = {}
    dynamic: dict = {}
    for b in block.blocks:
        if b.type in _META_BLOCKS:
            continue
        if b.type == "dynamic":
            if b.labels:
                dynamic.setdefault(b.labels[0], b)
            continue
        groups.setdefault(b.type, []).append(b)
    for name, blocks in groups.items():
        if name in dynamic:
            continue
        items = []
        ev.spans[path + (name,)] = _span(blocks[0])
        for i, b in enumerate(blocks):
            ev.spans[path + (name, i)] = _span(b)
            items.append(_body(b, ev, path + (name, i)))
        out[name] = items
    for name, b in dynamic.items():
        ev.spans[path + (name,)] = _span(b)
        out[name] = UNKNOWN  # how many blocks, and what they hold, depends on for_each
    return out


def _span(b):
    return (b.node.start_byte, b.node.start_byte, b.node.end_byte)


def _convert(name, v):
    if v is UNKNOWN or v is None:
        return v
    if name in _STRING_ARGS and isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(int(v)) if isinstance(v, float) and v.is_integer() else str(v)
    if name in _NUMBER_ARGS and isinstance(v, str) and re.fullmatch(r"-?\d+(\.\d+)?", v.strip()):
        return int(v) if re.fullmatch(r"-?\d+", v.strip()) else float(v)
    if name in _BOOL_ARGS and v in ("true", "false"):
        return v == "true"
    return v


def _containers(expr, ev, path, key_start, module, tf_file, embedded):
    """container_definitions as written: jsonencode(...) of HCL values (positions of its own
    keys), a heredoc or quoted JSON string, file() or templatefile() of a JSON file."""
    from ecslint.inputs import hcl
    from ecslint.source import JsonLocator

    ev.spans[path] = (key_start, expr.start_byte, expr.end_byte)
    kids = expr.named_children
    node = kids[0] if len(kids) == 1 else None
    if node is not None and node.type == "function_call" and node.named_children:
        fname = node.named_children[0].text.decode()
        args_node = next((c for c in node.named_children if c.type == "function_arguments"), None)
        args = [c for c in args_node.named_children if c.type == "expression"] if args_node else []
        if fname == "jsonencode" and len(args) == 1:
            return ev.value(args[0], path, key_start)
        if fname in ("file", "templatefile") and args:
            name = ev.value(args[0])
            full = module.resolve(name) if isinstance(name, str) else None
            text = module.read_file(name) if full else None
            if text is None or full is None:
                return UNKNOWN
            if fname == "templatefile":
                variables = ev.value(args[1]) if len(args) == 2 else UNKNOWN
                if not isinstance(variables, dict):
                    variables = {}
                text = hcl.render_template_text(text, variables)
            try:
                value = json.loads(text)
            except ValueError:
                return UNKNOWN  # the provider rejects it ("container_definitions is invalid")
            embedded[path] = Embedded(None, JsonLocator(text), path=_display(full))
            return value
    if node is not None and node.type == "template_expr" and node.named_children:
        rendered, pieces = ev.template(node.named_children[0], json_context=True)
        if isinstance(rendered, str):
            try:
                value = json.loads(rendered)
            except ValueError:
                return UNKNOWN
            embedded[path] = Embedded(tf_file, JsonLocator(rendered), pieces)
            return value
        return rendered
    v = ev.value(expr)
    if isinstance(v, str):
        try:
            return json.loads(v)
        except ValueError:
            return UNKNOWN
    return v


def _display(full: str) -> str:
    rel = os.path.relpath(full)
    return full if rel.startswith("..") else os.path.normpath(rel)


def _json_body(body: dict, scope) -> dict:
    out: dict = {}
    for k, v in body.items():
        if k in _META_ARGS or k in _META_BLOCKS or k == "//":
            continue
        if k == "dynamic":
            for name, _ in _json_items(v):
                out[name] = UNKNOWN
            continue
        if k in _BLOCKS and isinstance(v, (dict, list)):
            items = [v] if isinstance(v, dict) else v
            out[k] = [_json_body(i, scope) if isinstance(i, dict) else _json_value(i, scope) for i in items]
            continue
        value = _convert(k, _json_value(v, scope))
        if k == "container_definitions" and isinstance(value, str):
            try:
                value = json.loads(value)
            except ValueError:
                value = UNKNOWN
        if value is not None:
            out[k] = value
    return out


# --- documents ----------------------------------------------------------------------------

def documents(module: Module, tf_file: TfFile, forced=None):
    """(documents with their Evaluated, reason when none) for the ECS resources of one file."""

    own = [a for a, (f, _) in module.resources.items() if f is tf_file and a.split(".", 1)[0] in ECS_TYPES]
    out = []
    for address in own:
        ev = evaluate(module, address)
        doc = _document(ev, forced, module)
        if doc is not None:
            out.append((doc, ev))
    _link_related(module, out)
    _link_clusters(module, out)
    reasons = []
    for address, (f, _) in module.calls.items():
        if f is tf_file:
            docs, why = _call_documents(module, address, forced)
            out.extend(docs)
            if why:
                reasons.append(why)
    if not out:
        return [], reasons[0] if reasons else "a Terraform file without ECS resources"
    _link_scaling(module, [doc for doc, _ in out], forced)
    return out, ""


def _link_scaling(module: Module, docs: list, forced) -> None:
    """Links the file's scaling documents to the services and targets of the whole module."""
    from ecslint.ecs.scaling import link
    from ecslint.model import SCALABLE_TARGET, SCALING_POLICY

    if not any(d.kind in (SCALABLE_TARGET, SCALING_POLICY) for d in docs):
        return
    named = {ref for d in docs for ref in d.scaling_refs.values() if isinstance(ref, str)}
    own = {d.resource_ref for d in docs}
    others = []
    for address in module.resources:
        rtype = address.split(".", 1)[0]
        if address in own or rtype not in (plan_mapping.TF_SERVICE, plan_mapping.TF_TARGET, plan_mapping.TF_POLICY):
            continue
        if address in named or rtype != plan_mapping.TF_SERVICE:
            doc = _document(evaluate(module, address), None, module)
            if doc is not None:
                others.append(doc)
    link(docs + others)


def _link_clusters(module: Module, pairs: list) -> None:
    """Services → the capacity providers their cluster of the module associates (in-line
    `capacity_providers`, or aws_ecs_cluster_capacity_providers naming it)."""
    from ecslint.ecs.related_facts import ClusterProviders
    from ecslint.inputs import related

    if not any(d.kind == SERVICE and isinstance(d.data.get("capacityProviderStrategy"), list) for d, _ in pairs):
        return
    evs, names = {}, {}
    for address in module.resources:
        rtype = address.split(".", 1)[0]
        if rtype in ("aws_ecs_cluster", "aws_ecs_capacity_provider", "aws_ecs_cluster_capacity_providers"):
            evs[address] = ev = evaluate(module, address)
            if rtype != "aws_ecs_cluster_capacity_providers" and isinstance(ev.values.get("name"), str):
                names[ev.values["name"]] = address

    def text(ev, path):
        span = ev.spans.get((ev.address,) + path)
        return ev.tf_file.data[span[1]:span[2]].decode("utf-8", "replace") if span else ""

    def ident(ev, path, value, pattern, rtype):
        return related.tf_ident(value, text(ev, path), pattern, rtype, names)

    def providers(ev):
        values = ev.values.get("capacity_providers")
        if values is None:
            return frozenset()
        if not isinstance(values, list):
            return None
        got = [ident(ev, ("capacity_providers", i), v, related._TF_PROVIDER, "aws_ecs_capacity_provider")
               for i, v in enumerate(values)]
        return None if None in got else frozenset(got)

    clusters_: dict = {a: providers(ev) for a, ev in evs.items() if a.startswith("aws_ecs_cluster.")}
    for address, ev in evs.items():
        if address.startswith("aws_ecs_cluster_capacity_providers."):
            cluster = ident(ev, ("cluster_name",), ev.values.get("cluster_name"), related._TF_CLUSTER, "aws_ecs_cluster")
            if cluster is None:
                clusters_ = dict.fromkeys(clusters_)  # it may be any cluster's
            elif cluster in clusters_ and clusters_[cluster] is not None:
                more = providers(ev)
                clusters_[cluster] = None if more is None else clusters_[cluster] | more
    for doc, ev in pairs:
        strategy = doc.data.get("capacityProviderStrategy")
        if doc.kind != SERVICE or not isinstance(strategy, list) or ev.indexed:
            continue
        cluster = ident(ev, ("cluster",), ev.values.get("cluster"), related._TF_CLUSTER, "aws_ecs_cluster")
        associated = clusters_.get(cluster) if cluster else None
        if cluster is None or associated is None:
            continue
        for i, item in enumerate(ev.values.get("capacity_provider_strategy") or []):
            if i >= len(strategy) or not isinstance(item, dict):
                break
            path = ("capacity_provider_strategy", i, "capacity_provider")
            provider = ident(ev, path, item.get("capacity_provider"), related._TF_PROVIDER, "aws_ecs_capacity_provider")
            if provider is not None:
                doc.related[("capacityProviderStrategy", i, "capacityProvider")] = ClusterProviders(
                    cluster, provider, associated)


def _link_related(module: Module, pairs: list) -> None:
    """Task definitions → the log groups and repositories of the module they reference
    (ecslint.inputs.related), found in the source text of the image and awslogs-group values."""
    from dataclasses import replace

    from ecslint.inputs import related

    groups, repos, named = {}, {}, {}
    for address in module.resources:
        rtype, name = address.split(".", 1)
        if rtype not in (related.TF_LOG_GROUP, related.TF_REPOSITORY):
            continue
        values = evaluate(module, address).values
        if rtype == related.TF_LOG_GROUP:
            groups[name] = related.tf_log_group(values, address)
        else:
            repos[name] = related.tf_repository(values, address)
        if isinstance(values.get("name"), str):  # a literal name: the plan's values link by it too
            key = (rtype, values["name"])
            named[key] = None if key in named else name  # a name two resources share names neither
    if not groups and not repos:
        return
    for doc, ev in pairs:
        if doc.kind != TASK_DEFINITION:
            continue

        def text(ptr, ev=ev):
            span = ev.spans.get((ev.address, "container_definitions") + tuple(ptr[1:]))
            return ev.tf_file.data[span[1]:span[2]].decode("utf-8", "replace") if span else ""

        def literal(ptr, doc=doc):
            node = doc.data
            for key in ptr:
                node = node[key] if isinstance(node, (dict, list)) else None
            return node if isinstance(node, str) else None

        def find_image(ptr, text=text, literal=literal):
            hit = related.tf_image(text(ptr))
            image = literal(ptr) if hit is None else None
            if image is not None and related.repository_name(image):
                name = named.get((related.TF_REPOSITORY, related.repository_name(image)))
                hit = (name, related.image_tag(image)) if name else None
            return replace(repos[hit[0]], tag=hit[1]) if hit and hit[0] in repos else None

        def find_group(ptr, text=text, literal=literal):
            name = related.tf_log_group_name(text(ptr))
            if name is None and literal(ptr) is not None:
                name = named.get((related.TF_LOG_GROUP, literal(ptr)))
            return groups.get(name or "")

        doc.related = related.link(doc.data.get("containerDefinitions"), find_group, find_image)


_CALL_META = frozenset({"source", "version", "count", "for_each", "providers", "depends_on"})
# Service argument path → the module input that holds it (the rest keep their names).
_CALL_INPUTS = {"network_configuration": {"subnets": "subnet_ids", "assign_public_ip": "assign_public_ip"}}


def _call_documents(module: Module, address: str, forced):
    """The task definition and service a terraform-aws-modules/ecs service module call creates."""
    from ecslint.inputs import hcl, terraform_modules

    tf_file, block = module.calls[address]
    scope = module.scope()
    plain = hcl.Evaluator(scope)
    if tf_file.is_json or not terraform_modules.is_service_module(block, plain.value):
        return [], ""
    if terraform_modules.old_version(block, plain.value):
        return [], f"{address}: terraform-aws-modules/ecs before 6.0 (snake_case container inputs) is not read"
    spans: dict = {(address,): _span(block)}
    ev = hcl.Evaluator(scope, spans)
    inputs = {name: ev.value(expr, (address, name), attr.start_byte)
              for name, (attr, expr) in block.attrs.items() if name not in _CALL_META}
    indexed = "count" in block.attrs or "for_each" in block.attrs
    td, svc, keys = terraform_modules.resources(inputs)
    lb_keys = list(inputs["load_balancer"]) if isinstance(inputs.get("load_balancer"), dict) else []
    td_address = f"{address}.{plan_mapping.TF_TASK}.this"
    evaluated = Evaluated(address, tf_file, {}, spans, {}, scope.used_sensitive, None, indexed)
    out = []
    for rtype, values in ((plan_mapping.TF_TASK, td), (plan_mapping.TF_SERVICE, svc)):
        res_address = f"{address}.{rtype}.this"
        resource = {"address": res_address, "mode": "managed", "type": rtype, "name": "this", "values": values}
        docs, _ = plan_mapping.documents({"format_version": "1.2",
                                          "planned_values": {"root_module": {"resources": [resource]}}}, forced)
        if not docs:
            continue
        doc = docs[0]
        doc.to_source = _call_to_source(address, doc.to_source, keys, lb_keys)
        if doc.kind == SERVICE:
            doc.task_definition_ref = None if indexed else td_address
            doc.subnet_azs = {k: v for k, v in module.subnets.items() if v is not None}
            doc.logical_id = None
        else:
            doc.logical_id = None if indexed else td_address
        if scope.used_sensitive:
            texts = set(doc.redact)
            for v in scope.used_sensitive:
                texts |= plan_mapping.sensitive_texts(v)
            doc.redact = tuple(sorted(texts, key=len, reverse=True))
        out.append((doc, evaluated))
    return out, ""


def _call_to_source(address, plan_to_source, keys, lb_keys):
    def to_source(tokens):
        tokens = tuple(tokens)
        if tokens[:1] == ("containerDefinitions",) and len(tokens) > 1 and isinstance(tokens[1], int):
            if tokens[1] < len(keys):
                return (address, "container_definitions", keys[tokens[1]]) + tokens[2:]
            return (address, "container_definitions")
        rest = tuple(plan_to_source(tokens)[5:])  # planned_values/root_module/resources/0/values
        if len(rest) >= 2 and rest[1] == 0 and rest[0] in ("runtime_platform", "deployment_circuit_breaker",
                                                           "network_configuration"):
            inner = _CALL_INPUTS.get(rest[0])
            if inner is not None:  # network_configuration is not a module input: its members are
                return (address, inner[rest[2]]) + rest[3:] if len(rest) > 2 and rest[2] in inner else (address,)
            rest = rest[:1] + rest[2:]
        elif rest[:1] == ("load_balancer",) and len(rest) >= 2 and isinstance(rest[1], int) and rest[1] < len(lb_keys):
            rest = ("load_balancer", lb_keys[rest[1]]) + rest[2:]
        return (address,) + rest
    return to_source


def _document(ev: Evaluated, forced, module: Module):
    rtype, name = ev.address.split(".", 1)
    resource = {"address": ev.address, "mode": "managed", "type": rtype, "name": name, "values": ev.values}
    plan = {"format_version": "1.2", "planned_values": {"root_module": {"resources": [resource]}}}
    docs, _ = plan_mapping.documents(plan, forced)
    if not docs:
        return None
    doc = docs[0]
    plan_to_source = doc.to_source
    decoded = isinstance(ev.values.get("container_definitions"), list)
    prefix_len = 5  # planned_values/root_module/resources/0/values

    def to_source(tokens):
        tokens = tuple(tokens)
        if decoded and tokens[:1] == ("containerDefinitions",):
            return (ev.address, "container_definitions") + tokens[1:]
        return (ev.address,) + tuple(plan_to_source(tokens)[prefix_len:])
    doc.to_source = to_source
    if doc.kind == SERVICE:
        doc.task_definition_ref = None if ev.indexed else ev.task_definition_ref
        doc.subnet_azs = {k: v for k, v in module.subnets.items() if v is not None}
        doc.logical_id = None
    elif doc.kind == TASK_DEFINITION:
        doc.logical_id = None if ev.indexed else ev.address
    else:
        doc.scaling_refs = dict(ev.scaling_refs)
    if ev.indexed:
        doc.resource_ref = None  # several instances: none of them is the one a reference names
    if ev.sensitive_values:
        texts = set(doc.redact)
        for v in ev.sensitive_values:
            texts |= plan_mapping.sensitive_texts(v)
        doc.redact = tuple(sorted(texts, key=len, reverse=True))
    return doc


class Placer:
    """Where a source pointer (address, argument path...) is: (file path, Region)."""

    def __init__(self, display: str, evaluated: dict):
        self.display = display
        self.evaluated = evaluated  # address → Evaluated

    def place(self, tokens):
        tokens = tuple(tokens)
        ev = self.evaluated.get(tokens[0]) if tokens else None
        if ev is None:
            from ecslint.model import Region

            return self.display, Region(1, 1, 1, 1)
        f = ev.tf_file
        for path, emb in ev.embedded.items():
            if tokens[:len(path)] == path and len(tokens) > len(path):
                inner = tokens[len(path):]
                region = emb.locator.region(inner)
                if emb.path is not None:
                    return emb.path, region
                return self.display, self._through_pieces(f, emb, inner)
        if f.is_json:
            rtype, name = ev.address.split(".", 1)
            return self.display, f.json_locator.region(("resource", rtype, name) + tokens[1:])
        for i in range(len(tokens), 0, -1):
            hit = ev.spans.get(tokens[:i])
            if hit is not None:
                key, _, end = hit
                return self.display, f.region(key, end)
        start = ev.spans[(ev.address,)]
        return self.display, f.region(start[0], start[2])

    @staticmethod
    def _through_pieces(f, emb, inner):
        import bisect

        found, start, end, key_start = emb.locator._find(inner)
        begin = key_start if key_start is not None else start
        starts = [p[0] for p in emb.pieces]

        def src(offset):
            i = max(bisect.bisect_right(starts, offset) - 1, 0)
            r0, s0, s1 = emb.pieces[i]
            return min(s0 + (offset - r0), s1)
        return f.region(src(begin), max(src(end), src(begin) + 1))


def task_definition_data(module: Module, address: str):
    """The API form of a task definition resource of the module (for a service's pair)."""
    if address not in module.resources:
        return None
    ev = evaluate(module, address)
    doc = _document(ev, TASK_DEFINITION, module)
    return None if doc is None or ev.indexed else doc.data
