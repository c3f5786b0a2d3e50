using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portcullis.Core.Audit;
using Portcullis.Core.Policy;
using Portcullis.Core.Protection;

namespace Portcullis.Server.Tests.Protection;

/// <summary>The automated freeze rule: a push sign-in denied on the authenticator freezes withdrawals and API use.</summary>
public sealed class PushDeniedFreezeTests : PushTests
{
    [Fact]
    public async Task DenyingAPush_FreezesWithdrawalsAndApi_AsTheRule()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        await SendPushAsync(flow);
        var challenge = await SingleChallengeAsync(device);

        var (status, _) = await device.AnswerAsync(challenge, "deny", null);

        Assert.Equal(HttpStatusCode.OK, status);
        var freeze = Assert.Single(await Gate.Services.GetRequiredService<ProtectionService>().ListFreezesAsync(AliceId, CancellationToken.None));
        Assert.Equal((Capability.Withdrawals | Capability.Api, FreezeSource.Rule, "rule:push_denied"), (freeze.Capabilities, freeze.Source, freeze.SetBy));
        Assert.Contains(await Gate.ReadAuditAsync(), e => e.Type == AuditEventTypes.FreezeSet && e.Code == "rule" && e.Subject == Actors.User(AliceId));
    }

    [Fact]
    public async Task ApprovingAPush_FreezesNothing()
    {
        var device = await EnrolAsync();
        var flow = await PasswordStepAsync();
        var number = (await SendPushAsync(flow)).GetProperty("number").GetInt32();
        var challenge = await SingleChallengeAsync(device);

        var (status, _) = await device.AnswerAsync(challenge, "approve", number);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(await Gate.Services.GetRequiredService<ProtectionService>().ListFreezesAsync(AliceId, CancellationToken.None));
    }
}
