# IPython kernel settings for the hrdtrain course. IPython does not read JUPYTER_CONFIG_DIR, so
# `make lab` copies this file to .venv/etc/ipython/, where every kernel of the course's venv reads it.
c = get_config()  # noqa: F821 (provided by IPython when it loads this file)

# Keep no history file: ~/.ipython/.../history.sqlite would otherwise record every cell run
# (e.g. show("3.4-tear-gas")), telling anyone with the laptop that this course was taken.
c.HistoryManager.enabled = False
