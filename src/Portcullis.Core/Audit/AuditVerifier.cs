using System.Security.Cryptography;

namespace Portcullis.Core.Audit;

/// <summary>
/// Walks the chain in sequence order and reports the first broken link:
/// 1. each row's hash must equal the hash recomputed from its fields (else the row was changed);
/// 2. sequence numbers must run 1, 2, 3… without gaps (else a row was deleted);
/// 3. each row's previous hash must equal its predecessor's hash (else rows were removed or reordered);
/// 4. the last row must match the stored head (else the newest rows were deleted).
/// </summary>
public static class AuditVerifier
{
    public static async Task<AuditVerification> VerifyAsync(
        IAsyncEnumerable<AuditEvent> events, AuditHead? head, CancellationToken cancellationToken)
    {
        long count = 0;
        long expected = 1;
        var previous = AuditChain.Genesis;
        await foreach (var e in events.WithCancellation(cancellationToken))
        {
            if (e.Sequence != expected)
            {
                return new AuditVerification(count, e.Sequence, "sequence_gap",
                    $"row {e.Sequence} follows row {expected - 1}: rows {expected}..{e.Sequence - 1} are missing (deleted)");
            }

            if (!CryptographicOperations.FixedTimeEquals(AuditChain.ComputeHash(e), e.Hash))
            {
                return new AuditVerification(count, e.Sequence, "hash_mismatch",
                    $"row {e.Sequence} ({e.Type}) does not match its hash: the row was changed");
            }

            if (!CryptographicOperations.FixedTimeEquals(e.PreviousHash, previous))
            {
                return new AuditVerification(count, e.Sequence, "link_mismatch",
                    $"row {e.Sequence} ({e.Type}) does not link to row {e.Sequence - 1}: rows were removed, replaced or reordered");
            }

            previous = e.Hash;
            expected++;
            count++;
        }

        var headSequence = head?.Sequence ?? 0;
        var headHash = head?.Hash ?? AuditChain.Genesis;
        if (headSequence != count || !CryptographicOperations.FixedTimeEquals(headHash, previous))
        {
            return new AuditVerification(count, count + 1, "head_mismatch",
                $"the chain ends at row {count} but the head records row {headSequence}: the newest rows were deleted or the head was altered");
        }

        return new AuditVerification(count, null, null, null);
    }
}
