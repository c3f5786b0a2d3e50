namespace Portcullis.Core.Holds;

/// <summary>A held operation, stored and pushed to <see cref="Devices"/> authenticators: show <see cref="HeldOperation.Number"/> to the person.</summary>
public sealed record HeldOperationPlaced(HeldOperation Operation, int Devices)
{
    public override string ToString() => $"HeldOperationPlaced {{ Operation = {Operation.Id} }}";
}
