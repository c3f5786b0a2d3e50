using Portcullis.Core.Passwords;

namespace Portcullis.Core.Tests.Passwords;

public sealed class PhcHashTests
{
    [Fact]
    public void TryParse_ThenToString_RoundTrips()
    {
        const string phc = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE";

        Assert.True(PhcHash.TryParse(phc, out var parsed));
        Assert.Equal(19456, parsed!.MemoryKiB);
        Assert.Equal(2, parsed.Iterations);
        Assert.Equal(1, parsed.Parallelism);
        Assert.Equal("somesaltsomesalt"u8.ToArray(), parsed.Salt);
        Assert.Equal(phc, parsed.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ")]
    [InlineData("argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE$")]
    [InlineData("$argon2id$v=x$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,q=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=-1,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$***$K13EBUiG7JV+9ZxztmHFTdb7J0WQsnj2V8bZaqyPptE")]
    [InlineData("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$c2hvcnQ")]
    public void TryParse_RejectsMalformedStrings(string? value)
    {
        Assert.False(PhcHash.TryParse(value, out _));
    }
}
