namespace Portcullis.Core.Notifications.Email;

/// <summary>An email ready for a transport: the subject and the same content as plain text and as HTML.</summary>
/// <param name="Subject">One line, <c>[Portcullis] {title}</c>.</param>
/// <param name="Text">The <c>text/plain</c> body.</param>
/// <param name="Html">The <c>text/html</c> body; every value from the event or the user is HTML-escaped.</param>
public sealed record RenderedEmail(string Subject, string Text, string Html);
