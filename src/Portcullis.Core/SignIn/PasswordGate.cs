using Microsoft.Extensions.Options;
using Portcullis.Core.Passwords;
using Portcullis.Core.Persistence;
using Portcullis.Core.Results;
using Portcullis.Core.Users;

namespace Portcullis.Core.SignIn;

/// <summary>
/// Every password check (sign-in, re-authentication, password change) goes through here, in three steps:
/// 1. take a place in the hashing queue, or answer "busy" at once;
/// 2. in one short transaction, refuse the attempt if its counters are in a delay or at the hard stop,
///    otherwise charge it as a failure in advance, so parallel guesses cannot slip past the count;
/// 3. hash on a hashing thread: the user's hash, or a dummy of the same cost for an unknown username; once verified, a
///    password change's new password too, in the same place in the queue.
/// The caller then commits its outcome and, on success, calls <see cref="SettleSuccessAsync"/> in the same
/// unit, which resets the consecutive-failure counters and refunds the network's charge. The caller's unit
/// serves the whole attempt: the charge commits on it before the hash, visible to every other attempt at once, and
/// becomes durable with the outcome's commit after the hash (<see cref="IGateUnit.CommitVisibleAsync"/>).
/// </summary>
public sealed class PasswordGate(
    Argon2idPasswordHasher hasher,
    PasswordHashingPool queue,
    IOptions<ThrottleOptions> options,
    TimeProvider time)
{
    private readonly ThrottleOptions _options = options.Value;

    public async Task<Result<PasswordCheck>> CheckAsync(IGateUnit unit, PasswordAttempt attempt, CancellationToken cancellationToken)
    {
        using var ticket = queue.TryEnter();
        if (ticket is null)
        {
            return SignInErrors.Busy();
        }

        var charged = await ChargeAsync(unit, attempt, cancellationToken);
        if (!charged.IsSuccess)
        {
            return charged.Error!;
        }

        var user = attempt.User;
        return await ticket.RunAsync(() => Evaluate(user, attempt.Password, attempt.Replacement), cancellationToken);
    }

    /// <summary>
    /// After a verified password, inside the caller's unit: clears the username's (and the device's)
    /// consecutive failures and gives the network back the attempt charged in advance.
    /// </summary>
    public async Task SettleSuccessAsync(IGateUnit unit, PasswordAttempt attempt, CancellationToken cancellationToken)
    {
        await unit.BeginAsync(cancellationToken);
        await unit.Throttle.ResetAsync(
            attempt.Device is null ? [attempt.PrimaryKey] : [attempt.PrimaryKey, ThrottleKeys.ForUsername(attempt.NormalizedUsername)],
            cancellationToken);

        if (attempt.NetworkKey is { } networkKey)
        {
            var network = await unit.Throttle.LockAsync(networkKey, cancellationToken);
            network.Failures = Math.Max(0, network.Failures - 1);
            network.NextAttemptAt = NextAttempt(network.LastFailureAt, _options.Network.DelayAfter(network.Failures));
        }
    }

    private PasswordCheck Evaluate(User? user, string password, string? replacement)
    {
        if (user is null)
        {
            hasher.VerifyDummy(password);
            return new PasswordCheck(false, "unknown_user", null);
        }

        var verification = hasher.Verify(password, user.PasswordHash);
        if (verification == PasswordVerification.Failed)
        {
            return new PasswordCheck(false, "bad_password", null);
        }

        if (!user.IsActive)
        {
            return new PasswordCheck(false, "user_disabled", null);
        }

        var newHash = replacement is not null ? hasher.Hash(replacement)
            : verification == PasswordVerification.SucceededRehashNeeded ? hasher.Hash(password)
            : null;
        return new PasswordCheck(true, "ok", newHash);
    }

    private async Task<Result> ChargeAsync(IGateUnit unit, PasswordAttempt attempt, CancellationToken cancellationToken)
    {
        await unit.BeginAsync(cancellationToken);

        // Read the clock only once the counters are ours: a request that waited for the lock must not
        // compare its older time with a delay written by one that went before it.
        var now = time.GetUtcNow();
        var primary = await unit.Throttle.LockAsync(attempt.PrimaryKey, cancellationToken);
        var network = attempt.NetworkKey is { } key ? await unit.Throttle.LockAsync(key, cancellationToken) : null;
        if (network?.LastFailureAt is { } last && last + _options.NetworkForgetAfter <= now)
        {
            network.Failures = 0;
            network.NextAttemptAt = null;
        }

        Result outcome;
        var wait = Max(primary.NextAttemptAt - now, network?.NextAttemptAt - now);
        if (attempt.Device is null && primary.Failures >= _options.HardStopAfter)
        {
            outcome = SignInErrors.Locked();
        }
        else if (wait > TimeSpan.Zero)
        {
            outcome = SignInErrors.Throttled(TimeSpan.FromSeconds(Math.Ceiling(wait.Value.TotalSeconds)));
        }
        else
        {
            Charge(primary, _options.Account, now);
            if (network is not null)
            {
                Charge(network, _options.Network, now);
            }

            outcome = Result.Success();
        }

        // Every concurrent guess must see the charge before this one is hashed, but nothing about it is answered before the
        // caller commits its outcome (which makes this commit durable as well): it need not wait for its own flush.
        await unit.CommitVisibleAsync(cancellationToken);
        return outcome;
    }

    private static void Charge(ThrottleCounter counter, ThrottleSchedule schedule, DateTimeOffset now)
    {
        counter.Failures++;
        counter.LastFailureAt = now;
        counter.NextAttemptAt = NextAttempt(counter.LastFailureAt, schedule.DelayAfter(counter.Failures));
    }

    /// <summary>No deadline at all while failures are free, so that no clock comparison can delay anyone.</summary>
    private static DateTimeOffset? NextAttempt(DateTimeOffset? lastFailure, TimeSpan delay) =>
        delay > TimeSpan.Zero ? lastFailure + delay : null;

    private static TimeSpan? Max(TimeSpan? a, TimeSpan? b) => a is null ? b : b is null ? a : (a > b ? a : b);
}
