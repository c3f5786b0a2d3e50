using Portcullis.Core.SignIn;

namespace Portcullis.Core.Persistence;

public interface IFlowStore
{
    void Add(SignInFlow flow);

    Task<SignInFlow?> FindByHandleHashAsync(byte[] handleHash, CancellationToken cancellationToken);

    Task<SignInFlow?> FindAsync(Guid id, CancellationToken cancellationToken);
}
