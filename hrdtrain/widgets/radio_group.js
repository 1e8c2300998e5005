// A named radio group (hrdtrain/widgets/controls.py): fieldset + legend, native radios sharing
// one name, so the browser gives one Tab stop and arrow-key movement. Keys pressed inside the
// group stay inside it: JupyterLab's command mode would otherwise move or edit cells. Escape goes
// back to the notebook cell.
let groups = 0;

function render({ model, el }) {
  // anywidget gives no model id here: a counter and a random part make the name unique.
  const name = `hrdtrain-radio-${++groups}-${Math.random().toString(36).slice(2, 8)}`;
  const fieldset = document.createElement("fieldset");
  fieldset.className = "hrdtrain-radio-group";
  fieldset.dir = "auto";
  const legend = document.createElement("legend");
  legend.className = "hrdtrain-radio-legend";
  const list = document.createElement("div");
  list.className = "hrdtrain-radio-options";
  fieldset.append(legend, list);
  el.append(fieldset);

  fieldset.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      // Back to the notebook cell (command mode), from where ↑/↓ move between cells again.
      const cell = el.closest(".jp-Cell");
      if (cell) {
        event.stopPropagation();
        cell.focus();
      }
    } else if (event.key !== "Tab") {
      event.stopPropagation();
    }
  });

  function draw() {
    legend.textContent = model.get("description");
    const chosen = model.get("index");
    const disabled = model.get("disabled");
    const hadFocus = list.contains(document.activeElement);
    list.replaceChildren();
    model.get("labels").forEach((text, i) => {
      const label = document.createElement("label");
      label.className = "hrdtrain-radio-option";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = String(i);
      input.checked = chosen === i;
      input.disabled = disabled;
      input.addEventListener("change", () => {
        if (input.checked) {
          model.set("index", i);
          model.save_changes();
        }
      });
      const span = document.createElement("span");
      span.textContent = text;
      label.append(input, span);
      list.append(label);
    });
    if (hadFocus) (list.querySelector("input:checked") || list.querySelector("input"))?.focus();
  }

  function check() {
    const chosen = model.get("index");
    list.querySelectorAll("input").forEach((input, i) => { input.checked = chosen === i; });
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
