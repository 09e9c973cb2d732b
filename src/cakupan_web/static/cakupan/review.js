// Review queue: A accepts, R rejects, S skips (not while typing in a field).
document.addEventListener("keydown", function (event) {
  if (event.ctrlKey || event.metaKey || event.altKey) return;
  var tag = (event.target && event.target.tagName) || "";
  if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") return;
  var target = { a: "accept", r: "reject", s: "skip" }[event.key.toLowerCase()];
  var element = target && document.getElementById(target);
  if (element) {
    event.preventDefault();
    element.click();
  }
});
