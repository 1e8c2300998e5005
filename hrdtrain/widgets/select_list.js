// A drop-down list (hrdtrain/widgets/controls.py, SelectList): a native select named by its label.
// Keys pressed on it stay with it: ↑/↓ change the choice, as browsers do, where JupyterLab's
// command mode would otherwise move to the next cell (and take the letters typed next as cell
// commands). Escape goes back to the notebook cell, from where ↑/↓ move between cells again.
let lists = 0;

function render({ model, el }) {
  // anywidget gives no model id here: a counter and a random part make the id unique.
  const id = `hrdtrain-select-${++lists}-${Math.random().toString(36).slice(2, 8)}`;
  const row = document.createElement("div");
  row.className = "hrdtrain-select";
  row.dir = "auto";
  const label = document.createElement("label");
  label.className = "hrdtrain-select-label";
  label.htmlFor = id;
  const select = document.createElement("select");
  select.id = id;
  select.className = "hrdtrain-select-input";
  row.append(label, select);
  el.append(row);

  select.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      const cell = el.closest(".jp-Cell");
      if (cell) {
        event.stopPropagation();
        cell.focus();
      }
    } else if (event.key !== "Tab") {
      event.stopPropagation();
    }
  });
  select.addEventListener("change", () => {
    model.set("index", select.selectedIndex < 0 ? null : select.selectedIndex);
    model.save_changes();
  });

  function draw() {
    label.textContent = model.get("description");
    select.disabled = model.get("disabled");
    select.replaceChildren(
      ...model.get("labels").map((text, i) => {
        const option = document.createElement("option");
        option.value = String(i);
        option.textContent = text;
        return option;
      }),
    );
    check();
  }

  function check() {
    const chosen = model.get("index");
    select.selectedIndex = chosen === null || chosen === undefined ? -1 : chosen;
  }

  draw();
  model.on("change:labels", draw);
  model.on("change:description", draw);
  model.on("change:disabled", draw);
  model.on("change:index", check);
  return () => {
    model.off("change:labels", draw);
    model.off("change:description", draw);
    model.off("change:disabled", draw);
    model.off("change:index", check);
  };
}

export default { render };
