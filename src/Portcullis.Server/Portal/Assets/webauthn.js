// Portcullis portal: the security-key steps (WebAuthn Level 3). A form with data-options carries the gate's options
// (standard WebAuthn JSON); this script turns the base64url fields into bytes, asks the authenticator, and posts the
// credential back as JSON with the form (which carries the antiforgery token).
//   #security-key-form: sign-in and step-up, navigator.credentials.get()
//   #register-key-form: adding a security key or passkey on the sign-in factors page, navigator.credentials.create()
"use strict";
(function () {
    const toBytes = (b64url) => {
        const b64 = b64url.replace(/-/g, "+").replace(/_/g, "/") + "===".slice((b64url.length + 3) % 4);
        return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    };
    const toBase64Url = (buffer) => {
        let text = "";
        new Uint8Array(buffer).forEach((b) => { text += String.fromCharCode(b); });
        return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    };
    const descriptors = (list) => (list || []).map((c) => ({ type: c.type, id: toBytes(c.id), transports: c.transports }));

    // Wires one form: on submit, runs the ceremony, puts the credential's JSON into the hidden field and submits again.
    const wire = (formId, fieldId, messageId, unsupported, failed, ceremony) => {
        const form = document.getElementById(formId);
        if (!form) {
            return;
        }
        const field = document.getElementById(fieldId);
        const message = document.getElementById(messageId);
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
                fail(unsupported);
                return;
            }
            let credential;
            try {
                credential = await ceremony(JSON.parse(form.dataset.options));
            } catch (error) {
                fail(failed(error.name));
                return;
            }
            field.value = JSON.stringify(credential);
            form.requestSubmit();
        });
    };

    const common = (credential, response) => ({
        id: credential.id,
        rawId: toBase64Url(credential.rawId),
        type: credential.type,
        authenticatorAttachment: credential.authenticatorAttachment,
        response,
        clientExtensionResults: credential.getClientExtensionResults(),
    });

    wire("security-key-form", "credential", "security-key-error",
        "This browser cannot use security keys here. Use a code from your authenticator app, or another browser.",
        (name) => "The security key did not answer (" + name + "). Check that it is plugged in, press the button again and touch the key, "
            + "or use another factor.",
        async (options) => {
            const credential = await navigator.credentials.get({
                publicKey: {
                    challenge: toBytes(options.challenge),
                    timeout: options.timeout,
                    rpId: options.rpId,
                    userVerification: options.userVerification,
                    allowCredentials: descriptors(options.allowCredentials),
                },
            });
            const response = credential.response;
            const answer = {
                clientDataJSON: toBase64Url(response.clientDataJSON),
                authenticatorData: toBase64Url(response.authenticatorData),
                signature: toBase64Url(response.signature),
            };
            if (response.userHandle) {
                answer.userHandle = toBase64Url(response.userHandle);
            }
            return common(credential, answer);
        });

    wire("register-key-form", "key-credential", "register-key-error",
        "This browser cannot register security keys. Use another browser, or add an authenticator app instead.",
        (name) => "The security key was not registered (" + name + "). If it is already registered, use another key; "
            + "otherwise check that it is plugged in, press the button again and touch the key.",
        async (o) => {
            const credential = await navigator.credentials.create({
                publicKey: {
                    rp: o.rp,
                    user: { id: toBytes(o.user.id), name: o.user.name, displayName: o.user.displayName },
                    challenge: toBytes(o.challenge),
                    pubKeyCredParams: o.pubKeyCredParams,
                    timeout: o.timeout,
                    attestation: o.attestation,
                    authenticatorSelection: o.authenticatorSelection,
                    excludeCredentials: descriptors(o.excludeCredentials),
                },
            });
            const response = credential.response;
            return common(credential, {
                attestationObject: toBase64Url(response.attestationObject),
                clientDataJSON: toBase64Url(response.clientDataJSON),
                transports: response.getTransports ? response.getTransports() : [],
            });
        });
})();
