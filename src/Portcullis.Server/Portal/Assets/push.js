// Portcullis portal: waits for a push approval on the sign-in page. The page works without this script (the
// "I approved it" button posts the same form); with it, the form is posted in the background with a wait, the
// way POST /api/v1/sign-in/push/complete is long-polled, until the authenticator answers. A signed-in answer
// redirects to the dashboard; any other answer (denied, expired) replaces the page's main content.
"use strict";
(function () {
    const form = document.getElementById("push-complete-form");
    if (!form || !window.fetch) {
        return;
    }
    const status = document.getElementById("push-status");
    const controller = new AbortController();
    let stopped = false;
    form.addEventListener("submit", () => {
        stopped = true;
        controller.abort();
    });

    const poll = async () => {
        if (stopped) {
            return;
        }
        const body = new FormData(form);
        body.set("Wait", form.dataset.wait || "20");
        let response;
        try {
            response = await fetch(form.action, { method: "POST", body, credentials: "same-origin", signal: controller.signal });
        } catch (error) {
            if (!stopped) {
                status.textContent = "Lost contact with the server. After approving, press \"I approved it\".";
            }
            return;
        }
        if (stopped) {
            return;
        }
        if (response.redirected) {
            window.location.assign(response.url);
            return;
        }
        if (response.ok && response.headers.get("X-Portcullis-Push") === "pending") {
            window.setTimeout(poll, 250);
            return;
        }
        const page = new DOMParser().parseFromString(await response.text(), "text/html");
        const main = document.querySelector("main");
        const next = page.querySelector("main");
        if (main && next) {
            stopped = true;
            main.replaceChildren(...Array.from(next.childNodes).map((node) => document.importNode(node, true)));
        }
    };
    poll();
}());
