using Portcullis.HttpSignatures.Components;

namespace Portcullis.HttpSignatures.Signing;

/// <summary>What to sign: a label, the covered components in order, and the signature parameters.</summary>
public sealed record SignatureDefinition(string Label, IReadOnlyList<ComponentIdentifier> Components, SignatureParameters Parameters);
