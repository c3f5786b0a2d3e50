// Portcullis portal: copy a secret shown once, or save it as a key file, without putting it in a URL.
// The buttons are hidden until this script runs; without it the text area still holds the secret to copy by hand.
(function () {
    "use strict";

    function source(button, attribute) {
        return document.getElementById(button.getAttribute(attribute));
    }

    document.querySelectorAll("button[data-copy]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            var area = source(button, "data-copy");
            area.focus();
            area.select();
            if (navigator.clipboard) {
                navigator.clipboard.writeText(area.value).then(function () {
                    button.textContent = "Copied";
                }, function () {
                    button.textContent = "Selected: press Ctrl+C or \u2318C";
                });
            } else {
                button.textContent = "Selected: press Ctrl+C or \u2318C";
            }
        });
    });

    document.querySelectorAll("button[data-download-key]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () {
            var file = { key_id: button.getAttribute("data-key-id"), algorithm: button.getAttribute("data-algorithm") };
            file[button.getAttribute("data-field")] = source(button, "data-download-key").value;
            var blob = new Blob([JSON.stringify(file, null, 2) + "\n"], { type: "application/json" });
            var url = URL.createObjectURL(blob);
            var link = document.createElement("a");
            link.href = url;
            link.download = button.getAttribute("data-filename");
            document.body.appendChild(link);
            link.click();
            link.remove();
            setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
        });
    });
})();
