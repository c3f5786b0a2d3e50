using System.Text.Json.Serialization;

namespace Portcullis.Server.Api.Contracts;

/// <summary>The user's anti-phishing phrase; <c>phrase</c> is null when none is set.</summary>
public sealed record PhraseView([property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Phrase)
{
    public bool Set => Phrase is not null;
}
