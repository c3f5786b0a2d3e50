namespace Portcullis.Cli.Authenticator;

/// <summary>How <c>authenticator run</c> answers: ask the person at the keyboard, approve with a given number, or deny.</summary>
/// <param name="Number">For <see cref="AnswerMode.ApproveNumber"/>: the number to send back.</param>
internal sealed record AnswerPolicy(AnswerMode Mode, int? Number = null);
