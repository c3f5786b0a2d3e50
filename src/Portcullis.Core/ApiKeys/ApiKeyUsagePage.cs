namespace Portcullis.Core.ApiKeys;

/// <summary>One page of a key's usage log, newest first; <see cref="Next"/> is the cursor of the next (older) page, if any.</summary>
public sealed record ApiKeyUsagePage(IReadOnlyList<ApiKeyUsage> Items, long? Next);
