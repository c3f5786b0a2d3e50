// Portcullis portal: counts down to a moment shown on the page (a destination's hold, a freeze's lift, the settings
// lock's unlock). Each <span data-countdown="<ISO time>" data-now="<the server's ISO time when the page was made>">
// already says how long is left in words; this script keeps that text current every second, measuring from the server's
// clock (not this device's, which may be set differently). Without script the page stays right as of its loading.
"use strict";
(function () {
    const spans = Array.from(document.querySelectorAll("[data-countdown][data-now]"));
    if (spans.length === 0) {
        return;
    }
    const loaded = performance.now();
    const unit = (count, name) => count + " " + name + (count === 1 ? "" : "s");
    const words = (ms) => {
        const total = Math.ceil(ms / 1000);
        const days = Math.floor(total / 86400);
        const hours = Math.floor((total % 86400) / 3600);
        const minutes = Math.floor((total % 3600) / 60);
        const seconds = total % 60;
        if (days > 0) {
            return unit(days, "day") + (hours > 0 ? " " + unit(hours, "hour") : "");
        }
        if (hours > 0) {
            return unit(hours, "hour") + (minutes > 0 ? " " + unit(minutes, "minute") : "");
        }
        return minutes > 0 ? unit(minutes, "minute") + (seconds > 0 ? " " + unit(seconds, "second") : "") : unit(seconds, "second");
    };
    const tick = () => {
        const elapsed = performance.now() - loaded;
        let running = false;
        spans.forEach((span) => {
            const left = Date.parse(span.dataset.countdown) - Date.parse(span.dataset.now) - elapsed;
            if (left > 0) {
                span.textContent = "(" + words(left) + " left)";
                running = true;
            } else {
                span.textContent = "(reached: reload the page)";
            }
        });
        if (running) {
            window.setTimeout(tick, 1000);
        }
    };
    tick();
})();
