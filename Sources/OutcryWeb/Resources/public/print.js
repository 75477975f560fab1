// The letter page's Print button. The page works without this script (the browser's own Print does the
// same), so the button is hidden until the script can make it work.
for (const button of document.querySelectorAll("button[data-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
