using Microsoft.EntityFrameworkCore;
using Portcullis.Core.Persistence;
using Portcullis.Core.SignIn;

namespace Portcullis.Storage.Stores;

internal sealed class EfFlowStore(GateDbContext db) : IFlowStore
{
    public void Add(SignInFlow flow) => db.SignInFlows.Add(flow);

    public Task<SignInFlow?> FindByHandleHashAsync(byte[] handleHash, CancellationToken cancellationToken) =>
        db.SignInFlows.FirstOrDefaultAsync(f => f.HandleHash == handleHash, cancellationToken);

    public Task<SignInFlow?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.SignInFlows.FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
}
