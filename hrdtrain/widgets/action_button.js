// A button that says, with its press, what the learner saw in the controls it acts on
// (hrdtrain/widgets/controls.py, ActionButton). ipywidgets holds a control's next change back until
// the kernel has answered the one before, but sends a button press at once, and ipykernel 7 may
// even handle two widgets' messages in two threads: a quick re-answer and Check could be scored on
// the earlier choice. So the press carries the controls' values as this page has them (their
// models here change the moment the learner changes them), and the kernel scores those.
let views = 0;
const STYLES = { primary: "mod-primary", success: "mod-success", info: "mod-info", warning: "mod-warning", danger: "mod-danger" };

async function shown(model) {
  // {model id: {key: value}} for each [model id, key] the button reads.
  const state = {};
  for (const [id, key] of model.get("reads")) {
    try {
      const control = await model.widget_manager.get_model(id);
      (state[id] = state[id] || {})[key] = control.get(key);
    } catch (error) {
      console.warn("hrdtrain: a control of this button is gone", id, error);
    }
  }
  return state;
}

function render({ model, el }) {
  const view = `${++views}-${Math.random().toString(36).slice(2, 10)}`;
  const button = document.createElement("button");
  button.type = "button";
  el.append(button);

  function draw() {
    button.className = "jupyter-widgets jupyter-button widget-button hrdtrain-button";
    const style = STYLES[model.get("button_style")];
    if (style) button.classList.add(style);
    button.disabled = model.get("disabled");
    const tooltip = model.get("tooltip");
    if (tooltip) button.title = tooltip;
    else button.removeAttribute("title");
    button.replaceChildren();
    const icon = model.get("icon");
    if (icon) {
      const i = document.createElement("i");
      i.className = `fa fa-${icon}`;
      i.setAttribute("aria-hidden", "true");
      button.append(i);
    }
    button.append(document.createTextNode(model.get("description")));
  }

  button.addEventListener("click", async () => {
    model.send({ event: "click", view, shown: await shown(model) });
  });
  // Enter and Space press the button; JupyterLab's command mode must not take them (nor arrows
  // and letters) as well. Escape goes back to the notebook cell (command mode).
  button.addEventListener("keydown", (event) => {
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
  const names = ["description", "tooltip", "icon", "button_style", "disabled"];
  draw();
  names.forEach((name) => model.on(`change:${name}`, draw));
  return () => names.forEach((name) => model.off(`change:${name}`, draw));
}

export default { render };
