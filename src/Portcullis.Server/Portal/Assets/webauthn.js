// Portcullis portal: the security-key step of sign-in (WebAuthn Level 3, navigator.credentials.get()).
// The page carries the gate's assertion options (standard WebAuthn JSON) in data-options; this script turns the
// base64url fields into bytes, asks the authenticator, and posts the credential back as JSON with the form (which
// carries the antiforgery token). Nothing else on the portal needs script.
"use strict";
(function () {
    const form = document.getElementById("security-key-form");
    if (!form) {
        return;
    }
    const field = document.getElementById("credential");
    const message = document.getElementById("security-key-error");

    const toBytes = (b64url) => {
        const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64url.length + 3) % 4);
        return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    };
    const toBase64Url = (buffer) => {
        let text = "";
        new Uint8Array(buffer).forEach((b) => { text += String.fromCharCode(b); });
        return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    };
    const fail = (text) => {
        message.textContent = text;
        message.hidden = false;
    };

    form.addEventListener("submit", async (event) => {
        if (field.value) {
            return; // the credential is in: let the form go
        }
        event.preventDefault();
        message.hidden = true;
        if (!window.PublicKeyCredential || !form.dataset.options) {
            fail("This browser cannot use security keys here. Use a code from your authenticator app, or another browser.");
            return;
        }
        const options = JSON.parse(form.dataset.options);
        const publicKey = {
            challenge: toBytes(options.challenge),
            timeout: options.timeout,
            rpId: options.rpId,
            userVerification: options.userVerification,
            allowCredentials: (options.allowCredentials || []).map((c) => ({ type: c.type, id: toBytes(c.id), transports: c.transports })),
        };
        let credential;
        try {
            credential = await navigator.credentials.get({ publicKey });
        } catch (error) {
            fail("The security key did not answer (" + error.name + "). Check that it is plugged in, press the button again and touch the key, "
                + "or use another factor.");
            return;
        }
        const response = credential.response;
        const answer = {
            clientDataJSON: toBase64Url(response.clientDataJSON),
            authenticatorData: toBase64Url(response.authenticatorData),
            signature: toBase64Url(response.signature),
        };
        if (response.userHandle) {
            answer.userHandle = toBase64Url(response.userHandle);
        }
        field.value = JSON.stringify({
            id: credential.id,
            rawId: toBase64Url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment,
            response: answer,
            clientExtensionResults: credential.getClientExtensionResults(),
        });
        form.requestSubmit();
    });
})();

// Adding a security key or passkey on the sign-in factors page (navigator.credentials.create()): the page carries the
// gate's registration options (standard WebAuthn JSON) in data-options; the credential goes back as JSON with the form.
(function () {
    const form = document.getElementById("register-key-form");
    if (!form) {
        return;
    }
    const field = document.getElementById("key-credential");
    const message = document.getElementById("register-key-error");

    const toBytes = (b64url) => {
        const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64url.length + 3) % 4);
        return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    };
    const toBase64Url = (buffer) => {
        let text = "";
        new Uint8Array(buffer).forEach((b) => { text += String.fromCharCode(b); });
        return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    };
    const fail = (text) => {
        message.textContent = text;
        message.hidden = false;
    };

    form.addEventListener("submit", async (event) => {
        if (field.value) {
            return; // the credential is in: let the form go
        }
        event.preventDefault();
        message.hidden = true;
        if (!window.PublicKeyCredential || !form.dataset.options) {
            fail("This browser cannot register security keys. Use another browser, or add an authenticator app instead.");
            return;
        }
        const o = JSON.parse(form.dataset.options);
        const publicKey = {
            rp: o.rp,
            user: { id: toBytes(o.user.id), name: o.user.name, displayName: o.user.displayName },
            challenge: toBytes(o.challenge),
            pubKeyCredParams: o.pubKeyCredParams,
            timeout: o.timeout,
            attestation: o.attestation,
            authenticatorSelection: o.authenticatorSelection,
            excludeCredentials: (o.excludeCredentials || []).map((c) => ({ type: c.type, id: toBytes(c.id), transports: c.transports })),
        };
        let credential;
        try {
            credential = await navigator.credentials.create({ publicKey });
        } catch (error) {
            fail("The security key was not registered (" + error.name + "). If it is already registered, use another key; "
                + "otherwise check that it is plugged in, press the button again and touch the key.");
            return;
        }
        const response = credential.response;
        field.value = JSON.stringify({
            id: credential.id,
            rawId: toBase64Url(credential.rawId),
            type: credential.type,
            authenticatorAttachment: credential.authenticatorAttachment,
            response: {
                attestationObject: toBase64Url(response.attestationObject),
                clientDataJSON: toBase64Url(response.clientDataJSON),
                transports: response.getTransports ? response.getTransports() : [],
            },
            clientExtensionResults: credential.getClientExtensionResults(),
        });
        form.requestSubmit();
    });
})();
