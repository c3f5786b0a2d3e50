using System.Net;

namespace Portcullis.Portal.Tests;

/// <summary>
/// The API keys, notifications and trusted networks pages under the same checks as every portal page: the portal's CSP
/// on each page and on the key-file script, and each of their forms refused with 400 without its antiforgery token.
/// </summary>
public sealed partial class PortalHttpTests
{
    [Theory]
    [InlineData("/security/api-keys", HttpStatusCode.Redirect)]
    [InlineData("/security/api-keys/3f1c2a4e-9d7b-4c1e-8a2f-5b6d7e8f9a0b", HttpStatusCode.Redirect)]
    [InlineData("/security/notifications", HttpStatusCode.Redirect)]
    [InlineData("/security/networks", HttpStatusCode.Redirect)]
    [InlineData("/assets/keyfile.js", HttpStatusCode.OK)]
    public Task TheKeysNotificationsAndNetworksPages_HaveThePortalsContentSecurityPolicy(string path, HttpStatusCode expected) =>
        EveryPageAndAsset_HasThePortalsContentSecurityPolicy(path, expected);

    [Theory]
    [InlineData("/security/api-keys?handler=Create", "Name=bot&Permissions=read&Kind=generate&ExpiresInDays=90")]
    [InlineData("/security/api-keys?handler=Revoke&id=00000000-0000-0000-0000-000000000001", "")]
    [InlineData("/security/api-keys/00000000-0000-0000-0000-000000000001?handler=Rotate", "OverlapHours=24&Kind=generate")]
    [InlineData("/security/api-keys/00000000-0000-0000-0000-000000000001?handler=Revoke", "")]
    [InlineData("/security/notifications?handler=Phrase", "Phrase=purple+otter")]
    [InlineData("/security/notifications?handler=ClearPhrase", "")]
    [InlineData("/security/notifications?handler=AddContact", "Channel=email&Address=a%40example.com")]
    [InlineData("/security/notifications?handler=RemoveContact&id=00000000-0000-0000-0000-000000000001", "")]
    [InlineData("/security/notifications?handler=Preferences", "Enabled=order.filled%7Cemail")]
    [InlineData("/security/notifications?handler=Frequency", "Frequency=daily")]
    [InlineData("/security/networks?handler=Add", "Cidr=203.0.113.0%2F24&Label=Home")]
    [InlineData("/security/networks?handler=Remove&id=00000000-0000-0000-0000-000000000001", "")]
    public Task TheKeysNotificationsAndNetworksForms_WithoutTheirAntiforgeryToken_AreRefusedWith400(string path, string form) =>
        AFormPostedWithoutItsAntiforgeryToken_IsRefusedWith400_AndAPageSayingWhatToDo(path, form);
}
