"""`hrdtrain report`: a class report from nbgrader's gradebook, as CSV and an HTML page with charts.

- `scores.csv`: one row per student and assignment (score, max score, percent, whether written
  answers still wait for manual grading);
- `questions.csv`: one row per student, assignment and graded cell, with the cell's tags;
- `index.html`: the score distribution per assignment, how hard each question was (mean share
  of its points), and results by the paper's frame (law / attitude / communication), each chart
  with a text table beside it so the page can be read without the pictures.

Tags come from `hrdtrain/assessments/*.yaml`. Charts are drawn with matplotlib's Agg backend and
embedded in the page, so the report is one folder that opens offline.
"""

from __future__ import annotations

import csv
import html
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ..assessment import load_assessment
from ..charts import chart_img, html_table, pyplot
from .course import load_config, nbgrader_api, tools_on_path

TAGS = ("law", "attitude", "communication")


def natural_key(name: str) -> list:
    """q2 before q10: digits compare as numbers (`sorted` alone gives q1, q10, q2)."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.split(r"(\d+)", name)]


@dataclass
class QuestionScore:
    student: str
    assignment: str
    question: str
    score: float
    max_score: float
    needs_manual_grade: bool
    tags: tuple[str, ...]


def collect(root: Path) -> tuple[list[dict], list[QuestionScore]]:
    """(one dict per submission, one QuestionScore per graded cell) from the course's gradebook."""
    from nbgrader.api import Gradebook

    tools_on_path()
    api = nbgrader_api(root, load_config(root))
    submissions, questions = [], []
    with Gradebook(api.coursedir.db_url) as gb:
        for assignment in gb.assignments:
            try:
                tags = {q.id: tuple(q.tags) for q in load_assessment(assignment.name).questions}
            except FileNotFoundError:
                tags = {}
            for sub in assignment.submissions:
                submissions.append(
                    {
                        "student": sub.student_id,
                        "assignment": assignment.name,
                        "score": round(float(sub.score), 2),
                        "max_score": float(sub.max_score),
                        "percent": round(100 * float(sub.score) / float(sub.max_score), 1) if sub.max_score else 0.0,
                        "needs_manual_grade": bool(sub.needs_manual_grade),
                    }
                )
                for nb in sub.notebooks:
                    for grade in nb.grades:
                        questions.append(
                            QuestionScore(
                                sub.student_id, assignment.name, grade.name, float(grade.score), float(grade.max_score), bool(grade.needs_manual_grade), tags.get(grade.name, ())
                            )
                        )
    submissions.sort(key=lambda r: (r["assignment"], natural_key(r["student"])))
    questions.sort(key=lambda q: (q.assignment, natural_key(q.student), natural_key(q.question)))
    return submissions, questions


def write_report(root: Path, out: Path) -> list[Path]:
    """Writes scores.csv, questions.csv and index.html to `out`; returns their paths."""
    plt = pyplot()
    submissions, questions = collect(root)
    out.mkdir(parents=True, exist_ok=True)
    scores_csv = out / "scores.csv"
    with open(scores_csv, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["student", "assignment", "score", "max_score", "percent", "needs_manual_grade"])
        writer.writeheader()
        writer.writerows(submissions)
    questions_csv = out / "questions.csv"
    with open(questions_csv, "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["student", "assignment", "question", "score", "max_score", "needs_manual_grade", "tags"])
        for q in questions:
            writer.writerow([q.student, q.assignment, q.question, q.score, q.max_score, q.needs_manual_grade, " ".join(q.tags)])

    sections = []
    by_assignment: dict[str, list[float]] = defaultdict(list)
    for s in submissions:
        by_assignment[s["assignment"]].append(s["percent"])
    if not submissions:
        sections.append("<p>The gradebook has no graded submissions yet: run <code>hrdtrain grade ASSIGNMENT</code> first.</p>")
    else:
        fig, ax = plt.subplots(figsize=(7, 0.6 + 0.5 * len(by_assignment)))
        names = sorted(by_assignment)
        ax.boxplot([by_assignment[n] for n in names], vert=False, tick_labels=names)
        ax.set_xlim(0, 100)
        ax.set_xlabel("Score (% of the assignment's points)")
        ax.set_title("Score distribution per assignment")
        sections.append(
            "<h2>Scores per assignment</h2>"
            + chart_img(fig, "Box plot of scores per assignment; the same figures are in the table below", dpi=110)
            + html_table(
                ["Assignment", "Submissions", "Mean %", "Lowest %", "Highest %", "Waiting for manual grading"],
                [
                    [n, len(by_assignment[n]), round(sum(by_assignment[n]) / len(by_assignment[n]), 1), min(by_assignment[n]), max(by_assignment[n]),
                     sum(1 for s in submissions if s["assignment"] == n and s["needs_manual_grade"])]
                    for n in names
                ],
            )
        )

        per_question: dict[tuple[str, str], list[float]] = defaultdict(list)
        per_tag: dict[str, list[float]] = defaultdict(list)
        for q in questions:
            if q.max_score and not q.needs_manual_grade:
                share = q.score / q.max_score
                per_question[(q.assignment, q.question)].append(share)
                for tag in q.tags:
                    per_tag[tag].append(share)
        for assignment in names:
            keys = [k for k in per_question if k[0] == assignment]
            if not keys:
                continue
            keys.sort(key=lambda k: natural_key(k[1]))
            means = [100 * sum(per_question[k]) / len(per_question[k]) for k in keys]
            fig, ax = plt.subplots(figsize=(7, 0.6 + 0.35 * len(keys)))
            ax.barh([k[1] for k in keys], means, hatch="//", edgecolor="black", color="white")
            ax.set_xlim(0, 100)
            ax.invert_yaxis()
            ax.set_xlabel("Mean share of the question's points (%)")
            ax.set_ylabel("Question")
            ax.set_title(f"How hard each question was: {assignment}")
            sections.append(
                f"<h2>Questions of {html.escape(assignment)}</h2>"
                + chart_img(fig, "Bar chart of the mean share of points per question; the same figures are in the table below", dpi=110)
                + html_table(["Question", "Graded answers", "Mean % of points"], [[k[1], len(per_question[k]), round(m, 1)] for k, m in zip(keys, means)])
            )
        tags = [t for t in TAGS if per_tag.get(t)]
        if tags:
            means = [100 * sum(per_tag[t]) / len(per_tag[t]) for t in tags]
            fig, ax = plt.subplots(figsize=(6, 2.5))
            ax.bar(tags, means, hatch="..", edgecolor="black", color="white")
            ax.set_ylim(0, 100)
            ax.set_ylabel("Mean share of points (%)")
            ax.set_xlabel("Part of the paper's frame")
            ax.set_title("Results by law / attitude / communication")
            sections.append(
                "<h2>Results by the paper's frame</h2>"
                + chart_img(fig, "Bar chart of mean results for law, attitude and communication questions; the same figures are in the table below", dpi=110)
                + html_table(["Tag", "Graded answers", "Mean % of points"], [[t, len(per_tag[t]), round(m, 1)] for t, m in zip(tags, means)])
            )

    index = out / "index.html"
    index.write_text(
        "<!doctype html><html lang='en' dir='ltr'><head><meta charset='utf-8'><title>hrdtrain class report</title>"
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.4}table{border-collapse:collapse;margin:1em 0}"
        "td,th{border:1px solid #999;padding:.2em .6em;text-align:left}img{max-width:100%}</style></head><body>"
        "<h1>Class report</h1><p>From the course's nbgrader gradebook. Written answers count once a trainer has graded them in formgrader; "
        "until then they show as waiting for manual grading and are left out of the per-question and per-tag figures. "
        "This page contains learners' ids and scores: keep it on the trainer's machine.</p>"
        + "".join(sections)
        + "</body></html>",
        encoding="utf-8",
    )
    return [scores_csv, questions_csv, index]
