using Portcullis.Core.Notifications;

namespace Portcullis.Core.Tests.Notifications;

public sealed class ContactAddressesTests
{
    [Theory]
    [InlineData("alice@example.com", "alice@example.com")]
    [InlineData("  Alice.Smith+alerts@Example.COM ", "Alice.Smith+alerts@example.com")]
    [InlineData("bob@bücher.example", "bob@xn--bcher-kva.example")]
    public void Email_IsNormalised_DomainLowerCased(string input, string expected)
    {
        Assert.True(ContactAddresses.TryNormalizeEmail(input, out var email));
        Assert.Equal(expected, email);
    }

    [Theory]
    [InlineData("")]
    [InlineData("alice")]
    [InlineData("alice@")]
    [InlineData("@example.com")]
    [InlineData("alice@example")]
    [InlineData("Alice <alice@example.com>")]
    [InlineData("alice@example.com, bob@example.com")]
    [InlineData("alice@bob@example.com")]
    [InlineData("\"alice\"@example.com")]
    [InlineData("alice..smith@example.com")]
    [InlineData(".alice@example.com")]
    [InlineData("alice@-example.com")]
    [InlineData("alice@example..com")]
    [InlineData("alice@127.0.0.1")]
    [InlineData("alice@exa mple.com")]
    [InlineData("alice\n@example.com")]
    public void Email_RefusesAnythingButOnePlainAddress(string input) => Assert.False(ContactAddresses.TryNormalizeEmail(input, out _));

    [Fact]
    public void Email_RefusesOver254Characters() =>
        Assert.False(ContactAddresses.TryNormalizeEmail(new string('a', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('b', 60), 4)) + ".com", out _));

    [Fact]
    public void Phone_IsE164()
    {
        Assert.Equal("+41446681800", ContactAddresses.Normalize(NotificationChannel.Sms, "+41 44 668 18 00").Address);
        Assert.NotNull(ContactAddresses.Normalize(NotificationChannel.Sms, "044 668 18 00").Problem);
    }

    [Fact]
    public void Mask_HidesMostOfTheAddress()
    {
        Assert.Equal("a•••@example.com", ContactAddresses.Mask(NotificationChannel.Email, "alice@example.com"));
        Assert.Equal("•••1800", ContactAddresses.Mask(NotificationChannel.Sms, "+41446681800"));
    }
}
