# The nbgrader course of hrdtrain. Run nbgrader (or `hrdtrain grade/feedback/report`) from this folder.
#
#   solutions/<assignment>/   the assignments with solutions and hidden tests (the trainer's source)
#   exercises/<assignment>/   what learners get: generated from solutions/ by nbgrader, committed
#   submitted/<student>/<assignment>/   learners' work, as nbgrader expects it (not in git)
#
# Regenerate exercises/ after changing solutions/: `make exercises`. A test fails if they drift.
import os

c = get_config()  # noqa: F821 (provided by nbgrader when it loads this file)

c.CourseDirectory.course_id = "hrdtrain"
c.CourseDirectory.root = os.path.dirname(os.path.abspath(__file__))
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# What replaces a solution in exercises/: a comment, not nbgrader's default
# `raise NotImplementedError()`, so that "Run All" on an unfinished exercise does not stop at
# the first question (most learners are not programmers).
c.ClearSolutions.code_stub = {"python": "# Your answer here"}
c.ClearSolutions.text_stub = "*Write your answer here.*"

# nbgrader's exchange (release/collect on a shared machine) lives in the course folder, not in
# /srv/nbgrader/exchange: formgrader then finds it instead of warning that it does not exist.
c.Exchange.root = os.path.join(c.CourseDirectory.root, "exchange")
os.makedirs(c.Exchange.root, exist_ok=True)

# A learner who deletes a graded cell gets it back (scored 0) instead of losing the question.
c.OverwriteCells.add_missing_cells = True

# A cell that runs longer than this is interrupted when grading (hrdtrain grade --timeout overrides).
c.Execute.timeout = 30

# Student code runs away from the course: each kernel in a temporary copy of its submission, in a
# bubblewrap sandbox where there is one (no network, no course files, uid 65534 as root), with
# memory and file-size limits, and each cell's output cut at 10,000 characters
# (hrdtrain/grading/execute.py). nbgrader's own Execute is replaced in the autograde pipeline,
# so plain `nbgrader autograde` and formgrader's autograde button are protected too.
c.Autograde.autograde_preprocessors = [
    "hrdtrain.grading.execute.GradingExecute",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Feedback never shows hidden tests, nor output that quotes them: formgrader's "Generate
# Feedback" uses the same pipeline as `hrdtrain feedback` (hrdtrain/grading/feedback.py).
c.GenerateFeedback.preprocessors = [
    "hrdtrain.grading.feedback.HideHiddenTests",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
