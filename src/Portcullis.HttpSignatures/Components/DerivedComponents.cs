namespace Portcullis.HttpSignatures.Components;

/// <summary>Names of the derived components of RFC 9421 §2.2.</summary>
public static class DerivedComponents
{
    public const string Method = "@method";
    public const string TargetUri = "@target-uri";
    public const string Authority = "@authority";
    public const string Scheme = "@scheme";
    public const string RequestTarget = "@request-target";
    public const string Path = "@path";
    public const string Query = "@query";
    public const string QueryParam = "@query-param";
    public const string Status = "@status";
    public const string SignatureParams = "@signature-params";
}
