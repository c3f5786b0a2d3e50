using Portcullis.Core.Persistence;
using Portcullis.Core.Users;

namespace Portcullis.Core.SignIn;

/// <summary>What a factor strategy sees while proving a flow: the unit to work in, the flow and its user.</summary>
public sealed record FlowContext(IGateUnit Unit, SignInFlow Flow, User User, DateTimeOffset Now);
