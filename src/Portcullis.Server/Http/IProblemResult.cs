namespace Portcullis.Server.Http;

/// <summary>A problem answer whose stable <c>code</c> a filter can read before it is written (e.g. for a key's usage log).</summary>
public interface IProblemResult : IResult
{
    string Code { get; }
}
