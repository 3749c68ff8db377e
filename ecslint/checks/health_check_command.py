"""A healthCheck command is a list that starts with CMD (exec form) or CMD-SHELL (run by
/bin/sh) followed by the command. Docker skips a check with any other first element (only
logging it), so the check silently never runs; ["NONE"] disables it on purpose."""

from ecslint.ecs.labels import container_name
from ecslint.ecs.views import known
from ecslint.fixes import replace
from ecslint.model import Problem, Template


def check(td, params, ctx):
    for _, c, ptr in td.containers():
        hc = c.get("healthCheck")
        cmd = hc.get("command") if isinstance(hc, dict) else None
        if not isinstance(cmd, list):
            continue  # absent or not a list: the schema rules report it
        where = ptr + ("healthCheck", "command")
        if not cmd:
            yield Problem(where, f'container "{container_name(c)}" has an empty healthCheck command')
            continue
        head = cmd[0]
        if not isinstance(head, str) or not known(head):
            continue
        if head == "NONE":
            continue
        if head not in ("CMD", "CMD-SHELL"):
            yield Problem(where + (0,), f'container "{container_name(c)}" healthCheck command starts with "{head}"; '
                                        f'Docker runs only commands that start with "CMD" or "CMD-SHELL"')
        elif len(cmd) < 2 or not any((isinstance(a, str) and a.strip()) or not known(a) for a in cmd[1:]):
            # an unknown argument (a !Sub, a ${VAR}) may well be the command
            yield Problem(where, f'container "{container_name(c)}" healthCheck command "{head}" has nothing to run')
        elif head == "CMD" and len(cmd) == 2 and isinstance(cmd[1], str) and known(cmd[1]) and " " in cmd[1].strip():
            # exec form: Docker runs a program whose name is the whole string, which never exists
            # Safe to fix: the exec form can never start that program, so the check fails
            # every time; run by /bin/sh, it runs the command the string spells.
            yield Problem(where + (1,), f'container "{container_name(c)}" healthCheck runs "{_short(cmd[1])}" as one program '
                                        f'name (exec form "CMD"); use "CMD-SHELL" for a shell command, or give '
                                        f'each argument its own item',
                          fix=replace(where + (0,), "CMD-SHELL", 'run it with "CMD-SHELL"'))


def _short(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


TEMPLATE = Template("health-check-command", check)
