namespace CityBrain.Edge.Sensors.Sps30;

/// <summary>The SPS30's two command sets (datasheet v1.0, March 2020): 16-bit I2C commands with CRC-protected words,
/// and 8-bit SHDLC commands on the UART; with the execution times the driver waits and the chip's constants.</summary>
public static class Sps30Commands
{
    public const int Address = 0x69;

    public const int BaudRate = 115_200;

    /// <summary>What every SPS30 answers to the product-type query; any other answer is another chip at 0x69.</summary>
    public const string ProductType = "00080000";

    /// <summary>The first firmware with the device status register commands.</summary>
    public static readonly (byte Major, byte Minor) StatusRegisterFirmware = (2, 2);

    /// <summary>The measured-values output format of start measurement: big-endian IEEE 754 floats.</summary>
    public const byte FloatFormat = 0x03;

    /// <summary>The automatic fan cleaning's interval as the chip ships: 168 h, once a week.</summary>
    public const uint DefaultCleaningIntervalSeconds = 604_800;

    /// <summary>How long a fan cleaning runs the fan at full speed.</summary>
    public static readonly TimeSpan CleaningTime = TimeSpan.FromSeconds(10);

    /// <summary>A new measurement every second while measuring.</summary>
    public static readonly TimeSpan SamplingInterval = TimeSpan.FromSeconds(1);

    /// <summary>Start-up time from the start of measurement to values within specification (at 200 #/cm³ and more;
    /// cleaner air takes longer, up to 30 s below 100 #/cm³).</summary>
    public static readonly TimeSpan StartUpTime = TimeSpan.FromSeconds(8);

    /// <summary>Start and stop of measurement, and writing the cleaning interval.</summary>
    public static readonly TimeSpan ModeChangeTime = TimeSpan.FromMilliseconds(20);

    /// <summary>Sleep, wake-up, fan cleaning and clearing the status register.</summary>
    public static readonly TimeSpan ShortCommandTime = TimeSpan.FromMilliseconds(5);

    /// <summary>Reads of values the chip holds ready (no execution time in the datasheet).</summary>
    public static readonly TimeSpan ReadTime = TimeSpan.FromMilliseconds(1);

    public static readonly TimeSpan ResetTime = TimeSpan.FromMilliseconds(100);

    /// <summary>A wake-up must follow the pulse that switched the sleeping chip's interface on within this time.</summary>
    public static readonly TimeSpan WakeWindow = TimeSpan.FromMilliseconds(100);

    /// <summary>The I2C commands.</summary>
    public static class OverI2c
    {
        /// <summary>With one word: the output format in its high byte (0x0300 for floats).</summary>
        public const ushort StartMeasurement = 0x0010;
        public const ushort StopMeasurement = 0x0104;

        /// <summary>One word, 1 when a new measurement is ready.</summary>
        public const ushort ReadDataReady = 0x0202;

        /// <summary>20 words: 10 floats.</summary>
        public const ushort ReadMeasuredValues = 0x0300;

        public const ushort Sleep = 0x1001;
        public const ushort WakeUp = 0x1103;
        public const ushort StartFanCleaning = 0x5607;

        /// <summary>Read: 2 words, the interval in seconds; write: with those 2 words.</summary>
        public const ushort AutoCleaningInterval = 0x8004;

        /// <summary>4 words of ASCII, "00080000".</summary>
        public const ushort ReadProductType = 0xD002;

        /// <summary>16 words of ASCII, NUL-ended.</summary>
        public const ushort ReadSerialNumber = 0xD033;

        /// <summary>One word: firmware major and minor version.</summary>
        public const ushort ReadVersion = 0xD100;

        /// <summary>2 words: the 32-bit device status register.</summary>
        public const ushort ReadStatusRegister = 0xD206;

        public const ushort ClearStatusRegister = 0xD210;
        public const ushort Reset = 0xD304;

        public const int ProductTypeWords = 4, SerialNumberWords = 16, MeasurementWords = 20;
    }

    /// <summary>The SHDLC commands (slave address 0).</summary>
    public static class OverUart
    {
        /// <summary>Data: 0x01 and the output format.</summary>
        public const byte StartMeasurement = 0x00;
        public const byte StopMeasurement = 0x01;

        /// <summary>Answer: 40 bytes, 10 floats; no data while there is no new measurement.</summary>
        public const byte ReadMeasuredValues = 0x03;

        public const byte Sleep = 0x10;

        /// <summary>Preceded by a 0xFF byte, whose low bits switch the sleeping chip's UART on.</summary>
        public const byte WakeUp = 0x11;

        public const byte StartFanCleaning = 0x56;

        /// <summary>Data: 0x00 to read (answer: 4 bytes, seconds), 0x00 and 4 bytes to write.</summary>
        public const byte AutoCleaningInterval = 0x80;

        /// <summary>Data: what to read, <see cref="ProductTypeInfo"/> or <see cref="SerialNumberInfo"/>; answer: NUL-ended ASCII.</summary>
        public const byte DeviceInformation = 0xD0;

        public const byte ProductTypeInfo = 0x00, SerialNumberInfo = 0x03;

        /// <summary>Answer: firmware major, minor, reserved, hardware revision, reserved, SHDLC major, minor.</summary>
        public const byte ReadVersion = 0xD1;

        /// <summary>Data: 1 to clear the register after reading it, else 0; answer: the register (4 bytes) and a reserved byte.</summary>
        public const byte ReadStatusRegister = 0xD2;

        public const byte Reset = 0xD3;

        /// <summary>The byte whose start bit and low data bits make the falling edge a sleeping chip's UART wakes on.</summary>
        public const byte WakePulse = 0xFF;

        /// <summary>For any answer: the longest frame takes 5 ms at 115200 baud, the chip answers within tens of ms; the
        /// rest is margin for a loaded host.</summary>
        public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMilliseconds(500);
    }
}
