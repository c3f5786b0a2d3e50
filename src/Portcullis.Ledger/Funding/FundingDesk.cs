using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Accounts;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Journal;
using Portcullis.Ledger.Persistence;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Funding;

/// <summary>
/// Demo deposits, withdrawal destinations and withdrawals. A withdrawal goes only to a saved destination whose hold has
/// passed, within the per-request and rolling five-day limits (base currency) and the available cash in its currency.
/// </summary>
internal sealed class FundingDesk(LedgerDatabase database, IPriceSource prices, LedgerOptions options, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(5);
    private readonly FxConverter _fx = new(prices);

    public Task<LedgerResult<DepositInfo>> DepositAsync(Guid accountId, string currency, decimal amount, string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        if (CheckAmount(currency, amount) is { } invalid)
        {
            return Task.FromResult<LedgerResult<DepositInfo>>(invalid);
        }

        if (Orders.OrderValidator.CheckIdempotencyKey(idempotencyKey) is { } keyError)
        {
            return Task.FromResult<LedgerResult<DepositInfo>>(keyError);
        }

        return database.WriteAsync<DepositInfo>(accountId, async (db, account) =>
        {
            var inBase = await _fx.ConvertAsync(amount, currency, account.BaseCurrency, cancellationToken);
            if (inBase is null)
            {
                return LedgerErrors.Error(LedgerErrors.FxRateUnavailable, "No exchange rate to the account's base currency.");
            }

            if (inBase > options.DepositLimitPerRequest)
            {
                return LedgerErrors.Format(LedgerErrors.DepositLimitExceeded, $"A deposit may be at most {options.DepositLimitPerRequest} {account.BaseCurrency}.");
            }

            var now = time.GetUtcNow();
            var reference = $"deposit:{accountId:N}:{idempotencyKey ?? Guid.CreateVersion7(now).ToString("N")}";
            if (await db.JournalEntries.Include(e => e.Lines).SingleOrDefaultAsync(e => e.Reference == reference, cancellationToken) is { } earlier)
            {
                var line = earlier.Lines.Single(l => l.Book == JournalBook.Cash);
                return line.Asset == currency && line.Amount == Money.Round(amount)
                    ? new DepositInfo(earlier.Id, accountId, line.Asset, line.Amount, earlier.PostedAt)
                    : LedgerErrors.Error(LedgerErrors.IdempotencyConflict, "This idempotency key was used for a different deposit.");
            }

            var entry = await JournalPoster.PostAsync(db, accountId, reference, "deposit", $"Deposit {amount} {currency}", now,
            [
                new Posting(JournalBook.Cash, accountId, currency, amount),
                new Posting(JournalBook.External, null, currency, -amount),
            ], cancellationToken);
            return new DepositInfo(entry.Id, accountId, currency, Money.Round(amount), now);
        }, cancellationToken);
    }

    public Task<LedgerResult<DestinationInfo>> AddDestinationAsync(Guid accountId, string name, string bankAccount, CancellationToken cancellationToken)
    {
        var trimmed = name?.Trim() ?? string.Empty;
        var number = new string((bankAccount ?? string.Empty).Where(c => c != ' ').ToArray()).ToUpperInvariant();
        if (trimmed.Length is < 1 or > 100 || trimmed.Any(char.IsControl))
        {
            return Task.FromResult<LedgerResult<DestinationInfo>>(LedgerErrors.Error(LedgerErrors.InvalidDestination, "A destination name is 1–100 characters."));
        }

        if (number.Length is < 5 or > 34 || !number.All(char.IsAsciiLetterOrDigit))
        {
            return Task.FromResult<LedgerResult<DestinationInfo>>(LedgerErrors.Error(LedgerErrors.InvalidDestination, "A bank account number is 5–34 letters and digits."));
        }

        return database.WriteAsync<DestinationInfo>(accountId, async (db, account) =>
        {
            var active = await db.Destinations.Where(d => d.AccountId == accountId && d.RemovedAt == null).ToListAsync(cancellationToken);
            if (active.Any(d => string.Equals(d.Name, trimmed, StringComparison.OrdinalIgnoreCase) || d.BankAccount == number))
            {
                return LedgerErrors.Error(LedgerErrors.DestinationExists, "A destination with this name or account number exists.");
            }

            var now = time.GetUtcNow();
            var destination = new Destination
            {
                Id = Guid.CreateVersion7(now),
                AccountId = accountId,
                Name = trimmed,
                BankAccount = number,
                CreatedAt = now,
                UsableFrom = now + options.DestinationHold,
            };
            db.Destinations.Add(destination);
            return DestinationInfo.From(destination);
        }, cancellationToken);
    }

    public async Task<LedgerResult<IReadOnlyList<DestinationInfo>>> ListDestinationsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var (exists, list) = await database.ReadAsync(async db => (
            await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken),
            await db.Destinations.Where(d => d.AccountId == accountId && d.RemovedAt == null).OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken)),
            cancellationToken);
        return exists
            ? LedgerResult<IReadOnlyList<DestinationInfo>>.Success(list.Select(DestinationInfo.From).ToList())
            : LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.");
    }

    public Task<LedgerResult<DestinationInfo>> RemoveDestinationAsync(Guid accountId, Guid destinationId, CancellationToken cancellationToken) =>
        database.WriteAsync<DestinationInfo>(accountId, async (db, account) =>
        {
            var destination = await db.Destinations.SingleOrDefaultAsync(d => d.Id == destinationId && d.AccountId == accountId && d.RemovedAt == null, cancellationToken);
            if (destination is null)
            {
                return LedgerErrors.Error(LedgerErrors.DestinationNotFound, "No such withdrawal destination.");
            }

            destination.RemovedAt = time.GetUtcNow();
            return DestinationInfo.From(destination);
        }, cancellationToken);

    public Task<LedgerResult<WithdrawalInfo>> WithdrawAsync(Guid accountId, Guid destinationId, string currency, decimal amount,
        string? idempotencyKey, CancellationToken cancellationToken)
    {
        if (CheckAmount(currency, amount) is { } invalid)
        {
            return Task.FromResult<LedgerResult<WithdrawalInfo>>(invalid);
        }

        if (Orders.OrderValidator.CheckIdempotencyKey(idempotencyKey) is { } keyError)
        {
            return Task.FromResult<LedgerResult<WithdrawalInfo>>(keyError);
        }

        return database.WriteAsync<WithdrawalInfo>(accountId, async (db, account) =>
        {
            if (idempotencyKey is not null
                && await db.Withdrawals.SingleOrDefaultAsync(w => w.AccountId == accountId && w.IdempotencyKey == idempotencyKey, cancellationToken) is { } earlier)
            {
                return earlier.DestinationId == destinationId && earlier.Currency == currency && earlier.Amount == Money.Round(amount)
                    ? WithdrawalInfo.From(earlier)
                    : LedgerErrors.Error(LedgerErrors.IdempotencyConflict, "This idempotency key was used for a different withdrawal.");
            }

            var now = time.GetUtcNow();
            var destination = await db.Destinations.SingleOrDefaultAsync(d => d.Id == destinationId && d.AccountId == accountId && d.RemovedAt == null, cancellationToken);
            if (destination is null)
            {
                return LedgerErrors.Error(LedgerErrors.DestinationNotFound, "No such withdrawal destination.");
            }

            if (now < destination.UsableFrom)
            {
                return LedgerErrors.Error(LedgerErrors.DestinationOnHold, "This destination is new and cannot be used yet.");
            }

            if (await _fx.ConvertAsync(amount, currency, account.BaseCurrency, cancellationToken) is not { } inBase)
            {
                return LedgerErrors.Error(LedgerErrors.FxRateUnavailable, "No exchange rate to the account's base currency.");
            }

            if (inBase > options.WithdrawalLimitPerRequest)
            {
                return LedgerErrors.Format(LedgerErrors.WithdrawalLimitExceeded, $"A withdrawal may be at most {options.WithdrawalLimitPerRequest} {account.BaseCurrency}.");
            }

            var since = now - Window;
            var recent = await db.Withdrawals.Where(w => w.AccountId == accountId && w.RequestedAt > since).Select(w => w.AmountInBase).ToListAsync(cancellationToken);
            if (recent.Sum() + inBase > options.WithdrawalLimitPerFiveDays)
            {
                return LedgerErrors.Format(LedgerErrors.WithdrawalWindowLimitExceeded, $"Withdrawals may total at most {options.WithdrawalLimitPerFiveDays} {account.BaseCurrency} in 5 days.");
            }

            var snapshot = await AccountSnapshot.LoadAsync(db, account, cancellationToken);
            if (snapshot.AvailableCash(currency) < Money.Round(amount))
            {
                return LedgerErrors.Error(LedgerErrors.InsufficientFunds, "Not enough available cash in this currency.");
            }

            var id = Guid.CreateVersion7(now);
            var entry = await JournalPoster.PostAsync(db, accountId, $"withdrawal:{id:N}", "withdrawal", $"Withdrawal {amount} {currency} to {destination.Name}", now,
            [
                new Posting(JournalBook.Cash, accountId, currency, -amount),
                new Posting(JournalBook.External, null, currency, amount),
            ], cancellationToken);

            // A margin account may not withdraw the collateral its positions need: the posting above has updated the
            // snapshot's (tracked) balances, so this is the buying power after the withdrawal; refusing rolls it back.
            if (account.MarginMode == Margin.MarginMode.Margin && await snapshot.BuyingPowerAsync(prices, _fx, null, cancellationToken) is not >= 0m)
            {
                return LedgerErrors.Error(LedgerErrors.InsufficientFunds, "This withdrawal would leave the account's positions under-margined.");
            }

            var withdrawal = new Withdrawal
            {
                Id = id,
                AccountId = accountId,
                DestinationId = destination.Id,
                IdempotencyKey = idempotencyKey,
                Currency = currency,
                Amount = Money.Round(amount),
                AmountInBase = inBase,
                RequestedAt = now,
                JournalEntryId = entry.Id,
            };
            db.Withdrawals.Add(withdrawal);
            return WithdrawalInfo.From(withdrawal);
        }, cancellationToken);
    }

    public async Task<LedgerResult<IReadOnlyList<WithdrawalInfo>>> ListWithdrawalsAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var (exists, list) = await database.ReadAsync(async db => (
            await db.Accounts.AnyAsync(a => a.Id == accountId, cancellationToken),
            await db.Withdrawals.Where(w => w.AccountId == accountId).OrderBy(w => w.RequestedAt).ToListAsync(cancellationToken)),
            cancellationToken);
        return exists
            ? LedgerResult<IReadOnlyList<WithdrawalInfo>>.Success(list.Select(WithdrawalInfo.From).ToList())
            : LedgerErrors.Error(LedgerErrors.AccountNotFound, "No such ledger account.");
    }

    private static LedgerError? CheckAmount(string currency, decimal amount)
    {
        if (!Money.IsCurrencyCode(currency))
        {
            return LedgerErrors.Error(LedgerErrors.InvalidCurrency, "The currency must be an ISO 4217 code such as USD.");
        }

        // Cash moves in whole cents (at most 2 decimal places).
        return amount <= 0 || amount > 1_000_000_000_000m || Money.DecimalPlaces(amount) > 2 && amount != Math.Round(amount, 2)
            ? LedgerErrors.Error(LedgerErrors.InvalidAmount, "The amount must be positive, in whole cents.")
            : null;
    }
}
