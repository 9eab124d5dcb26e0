// The protocol page's print button: the browser's own print dialog (the print stylesheet does the layout).
document.getElementById("print-protocol")?.addEventListener("click", () => window.print());
