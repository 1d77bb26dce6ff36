"""``newsgraph eval``: scorers and the evaluation gate."""

from __future__ import annotations

import json

import click

from newsgraph.cli.common import CONTEXT, friendly_errors
from newsgraph.cli.main import cli


def shared_option(fn):
    return click.option("--shared", type=click.Path(file_okay=False), envvar="NEWSGRAPH_SHARED",
                        default="../shared", show_default=True,
                        help="Folder holding data/ and cases/ (evaluation data, read by path).")(fn)


@cli.group(name="eval", context_settings=CONTEXT)
def eval_group():
    """Measure newsgraph against public gold data.

    \b
    Example:
        newsgraph eval extraction --shared ../shared
        newsgraph eval gate
    """


@eval_group.command(name="run", context_settings=CONTEXT)
@click.argument("names", nargs=-1)
@shared_option
@friendly_errors
def eval_run(names, shared):
    """Run scorers or groups by name (all when none is given) and print their figures as JSON.

    \b
    Example:
        newsgraph eval run seed-document
    """
    from newsgraph.eval.gate import GROUPS, SCORERS
    from pathlib import Path

    wanted = []
    for name in names or list(SCORERS):
        if name in GROUPS:
            wanted += GROUPS[name]
        elif name in SCORERS:
            wanted.append(name)
        else:
            raise click.UsageError(f"unknown scorer {name!r}; choose from {', '.join(sorted({*SCORERS, *GROUPS}))}")
    results = {n: _run_or_skip(SCORERS[n], Path(shared)) for n in dict.fromkeys(wanted)}
    click.echo(json.dumps(results, indent=2, ensure_ascii=False))


def _run_or_skip(scorer, shared):
    from newsgraph.eval.gate import ScorerSkipped

    try:
        return scorer.run(shared)
    except ScorerSkipped as exc:
        return {"skipped": str(exc)}


@eval_group.command(name="gate", context_settings=CONTEXT)
@shared_option
@click.option("--floors", type=click.Path(dir_okay=False), default="eval/floors.json", show_default=True,
              help="JSON file of pinned floors per scorer and metric.")
@click.option("--raise-floors", is_flag=True, help="Lift floors to today's figures (never lowers one).")
@friendly_errors
def eval_gate(shared, floors, raise_floors):
    """Run every scorer that has a floor; exit 1 if any figure is below it.

    \b
    Example:
        newsgraph eval gate --shared ../shared
    """
    from pathlib import Path

    from newsgraph.eval.gate import run_gate

    if not run_gate(Path(shared), Path(floors), raise_floors=raise_floors, log=click.echo):
        raise click.ClickException("evaluation gate failed: a figure is below its floor")


def _scorer_shortcut(group: str):
    @eval_group.command(name=group, context_settings=CONTEXT, help=f"Run the {group} scorers and print their figures as JSON.\n\n"
                        f"\b\nExample:\n    newsgraph eval {group} --shared ../shared")
    @shared_option
    @friendly_errors
    def command(shared):
        from pathlib import Path

        from newsgraph.eval.gate import GROUPS, SCORERS

        results = {n: SCORERS[n].run(Path(shared)) for n in GROUPS.get(group, [])}
        click.echo(json.dumps(results, indent=2, ensure_ascii=False))

    return command


for _group in ("extraction", "entities", "timex", "quotes", "events"):
    _scorer_shortcut(_group)




@eval_group.command(name="real-dev", context_settings=CONTEXT)
@shared_option
@click.option("--case", "case", metavar="NAME", help="Score only this case (a folder name under cases/real-dev).")
@click.option("--problems", is_flag=True, help="Also list what went wrong, per component and case.")
@friendly_errors
def eval_real_dev(shared, case, problems):
    """Score the hand-annotated real articles (cases/real-dev), pooled over the articles.

    Runs the full pipeline once per article and prints the pooled figures of
    entities, quotes, events and time expressions as JSON, with their counts;
    per-case counts and problem lists with --problems.

    \b
    Example:
        newsgraph eval real-dev --shared ../shared
        newsgraph eval real-dev --case bbc-politics-032 --problems
    """
    from pathlib import Path

    from newsgraph.eval.gate import SCORERS
    from newsgraph.eval.real_dev import evaluate_real_dev
    from newsgraph.errors import NewsgraphError

    scorer = SCORERS["real-dev"]
    path = Path(shared) / scorer.data
    if not path.is_dir():
        raise NewsgraphError(f"no real-dev cases at {path} (pass --shared or set NEWSGRAPH_SHARED)")
    result = evaluate_real_dev(path, case=case)
    if not problems:
        result = {k: v for k, v in result.items() if k not in ("problems", "per_case")}
    click.echo(json.dumps({scorer.name: result}, indent=2, ensure_ascii=False))
