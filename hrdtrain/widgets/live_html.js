// HTML in one live region (hrdtrain/widgets/controls.py). The region exists before its text
// changes, so a screen reader announces each change once; live regions inside the text are
// dropped for the same reason (nested regions are read twice). With focus_on_change, the region
// takes the focus when its text changes (a role play's new scene); Escape there goes back to the
// notebook cell.
function render({ model, el }) {
  const region = document.createElement("div");
  region.className = "hrdtrain-live";
  el.append(region);

  function draw(changed) {
    const live = model.get("live");
    if (live) {
      region.setAttribute("role", "status");
      region.setAttribute("aria-live", "polite");
      region.setAttribute("aria-atomic", "true");
    } else {
      ["role", "aria-live", "aria-atomic"].forEach((a) => region.removeAttribute(a));
    }
    region.innerHTML = model.get("value");
    region.querySelectorAll("[aria-live], [role=status], [role=alert]").forEach((inner) => {
      inner.removeAttribute("aria-live");
      inner.removeAttribute("role");
    });
    if (changed && model.get("focus_on_change") && region.textContent.trim()) {
      region.tabIndex = -1;
      region.focus({ preventScroll: false });
    }
  }

  // Escape on the focused region (a role play's scene) goes back to the notebook cell.
  region.addEventListener("keydown", (event) => {
    const cell = event.key === "Escape" && el.closest(".jp-Cell");
    if (cell) {
      event.stopPropagation();
      cell.focus();
    }
  });

  const onChange = () => draw(true);
  draw(false);
  model.on("change:value", onChange);
  model.on("change:live", onChange);
  return () => {
    model.off("change:value", onChange);
    model.off("change:live", onChange);
  };
}

export default { render };
