using Microsoft.EntityFrameworkCore;
using Portcullis.Ledger.Backend;
using Portcullis.Ledger.Persistence;
using Portcullis.Ledger.Prices;

namespace Portcullis.Ledger.Instruments;

/// <summary>The instrument list and reference quotes.</summary>
internal sealed class InstrumentDesk(LedgerDatabase database, IPriceSource prices)
{
    public async Task<IReadOnlyList<Instrument>> ListAsync(CancellationToken cancellationToken) =>
        await database.ReadAsync(db => db.Instruments.OrderBy(i => i.Symbol).ToListAsync(cancellationToken), cancellationToken);

    public async Task<LedgerResult<PriceQuote>> QuoteAsync(string symbol, CancellationToken cancellationToken)
    {
        var known = await database.ReadAsync(db => db.Instruments.AnyAsync(i => i.Symbol == symbol, cancellationToken), cancellationToken);
        if (!known)
        {
            return LedgerErrors.Error(LedgerErrors.UnknownInstrument, "No such instrument.");
        }

        return await prices.GetQuoteAsync(symbol, cancellationToken) is { } quote
            ? quote
            : LedgerErrors.Error(LedgerErrors.PriceUnavailable, "No reference price for this instrument right now.");
    }

    /// <summary>Adds an instrument or changes its definition (open orders keep their validated prices).</summary>
    public Task<LedgerResult<Instrument>> UpsertAsync(Instrument instrument, CancellationToken cancellationToken)
    {
        if (InstrumentRules.Validate(instrument) is { } error)
        {
            return Task.FromResult<LedgerResult<Instrument>>(error);
        }

        return database.WriteAsync(async db =>
        {
            var existing = await db.Instruments.SingleOrDefaultAsync(i => i.Symbol == instrument.Symbol, cancellationToken);
            if (existing is null)
            {
                db.Instruments.Add(instrument);
            }
            else
            {
                db.Entry(existing).CurrentValues.SetValues(instrument);
            }

            return LedgerResult<Instrument>.Success(instrument);
        }, cancellationToken);
    }
}
