"""`hrdtrain hub`: the course for a room or an organisation on JupyterHub, with nbgrader's exchange.

JupyterHub does the serving; this package only prepares and drives it, one module per step:

- `roster`: the participants' CSV (name, role), checked line by line;
- `accounts`: one system account per participant (`hrd-` + name), created and removed by us only;
- `python_env`: the Python every account runs (a venv made from a system Python all can read);
- `folder`: `hrdtrain hub init`, which writes the hub folder (configuration, secrets, passwords,
  the exchange, the trainers' shared grading folder);
- `control`: `hrdtrain hub start` / `stop`;
- `proxy`: the pure-Python configurable-http-proxy as the hub starts it, with room for a whole
  room's requests at once and with TLS;
- `singleuser`: what a participant's server runs, as that participant: the course folder, the
  course's Jupyter settings, then JupyterHub's own single-user server;
- `share`: the learner's explicit "share my anonymous results" click, into the drop folder.
"""
