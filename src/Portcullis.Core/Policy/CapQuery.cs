namespace Portcullis.Core.Policy;

/// <summary>
/// A total the engine needs for a capped rule: the sum of <see cref="Attribute"/> over the user's executed
/// operations matching <see cref="Operations"/> within the last <see cref="Window"/>. The caller fetches it from
/// the operation usage log and passes it in <see cref="PolicySubject.Totals"/> under <see cref="Key"/>.
/// </summary>
/// <param name="Key">Stable key of this cap within the compiled policy, e.g. <c>rules[4].cap</c>.</param>
/// <param name="Operations">Operation names or patterns (<c>withdrawal.*</c>) whose executions count.</param>
/// <param name="Attribute"><c>amount</c> or <c>notional</c>; <c>count</c> counts executions.</param>
/// <param name="Window">How far back executions count.</param>
public sealed record CapQuery(string Key, IReadOnlyList<string> Operations, string Attribute, TimeSpan Window);
