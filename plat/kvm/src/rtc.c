/*
 * plat_wall_ns() on KVM: the CMOS real-time clock (Motorola MC146818A datasheet, as PC
 * chipsets keep it) read once, on first use, then carried forward by plat_time_ns(). The
 * registers sit behind index port 0x70 and data port 0x71: seconds 0x00, minutes 0x02,
 * hours 0x04, day 0x07, month 0x08, year 0x09, the century at 0x32 (the register the ACPI
 * FADT's CENTURY field names on QEMU), status A 0x0a (bit 7: update in progress) and status
 * B 0x0b (bit 2: binary rather than BCD, bit 1: 24-hour mode). The clock is read until two
 * reads outside an update agree. QEMU's RTC follows the host's UTC by default (-rtc base=utc).
 */
#include <stdint.h>
#include <kiln/plat.h>
#include <x86/cpu.h>

#define RTC_INDEX    0x70
#define RTC_DATA     0x71
#define RTC_STATUS_A 0x0a
#define RTC_STATUS_B 0x0b
#define RTC_CENTURY  0x32
#define RTC_UIP	     0x80
#define RTC_BINARY   0x04
#define RTC_24H	     0x02
#define RTC_PM	     0x80
#define RTC_TRIES    1000
#define NS_PER_SEC   1000000000ull

struct rtc_time {
	unsigned int sec, min, hour, day, mon, year, century;
};

static int rtc_state;	       /* 0 not read yet, 1 read, -1 no clock there */
static uint64_t rtc_base_ns;   /* wall time at rtc_base_mono */
static uint64_t rtc_base_mono; /* plat_time_ns() at the read */

static unsigned int rtc_reg(uint8_t reg)
{
	x86_outb(RTC_INDEX, reg);
	return x86_inb(RTC_DATA);
}

static void rtc_read_raw(struct rtc_time *t)
{
	for (int i = 0; i < RTC_TRIES && (rtc_reg(RTC_STATUS_A) & RTC_UIP); i++)
		;
	t->sec = rtc_reg(0x00);
	t->min = rtc_reg(0x02);
	t->hour = rtc_reg(0x04);
	t->day = rtc_reg(0x07);
	t->mon = rtc_reg(0x08);
	t->year = rtc_reg(0x09);
	t->century = rtc_reg(RTC_CENTURY);
}

static unsigned int rtc_bcd(unsigned int v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

static void rtc_decode(struct rtc_time *t, unsigned int status_b)
{
	unsigned int pm = t->hour & RTC_PM;

	t->hour &= ~RTC_PM;
	if (!(status_b & RTC_BINARY)) {
		t->sec = rtc_bcd(t->sec);
		t->min = rtc_bcd(t->min);
		t->hour = rtc_bcd(t->hour);
		t->day = rtc_bcd(t->day);
		t->mon = rtc_bcd(t->mon);
		t->year = rtc_bcd(t->year);
		t->century = rtc_bcd(t->century);
	}
	if (!(status_b & RTC_24H))
		t->hour = t->hour % 12 + (pm ? 12 : 0);
	t->year += (t->century >= 19 && t->century <= 30 ? t->century : 20) * 100;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (March-based years). */
static int64_t rtc_days(int64_t y, unsigned int m, unsigned int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static int rtc_same(const struct rtc_time *a, const struct rtc_time *b)
{
	return a->sec == b->sec && a->min == b->min && a->hour == b->hour && a->day == b->day &&
	       a->mon == b->mon && a->year == b->year && a->century == b->century;
}

/* A date the RTC can hold: where nothing answers at the ports every register reads 0xff. */
static int rtc_valid(const struct rtc_time *t)
{
	return t->sec < 60 && t->min < 60 && t->hour < 24 && t->day >= 1 && t->day <= 31 &&
	       t->mon >= 1 && t->mon <= 12 && t->year >= 1970 && t->year < 2200;
}

static void rtc_init(void)
{
	struct rtc_time a, b;

	rtc_read_raw(&b);
	for (int i = 0; i < RTC_TRIES; i++) {
		a = b;
		rtc_read_raw(&b);
		if (rtc_same(&a, &b))
			break;
	}
	rtc_base_mono = plat_time_ns();
	rtc_decode(&b, rtc_reg(RTC_STATUS_B));
	if (!rtc_valid(&b)) {
		rtc_state = -1;
		return;
	}
	rtc_state = 1;
	int64_t days = rtc_days(b.year, b.mon, b.day);
	int64_t secs = days * 86400 + b.hour * 3600 + b.min * 60 + b.sec;
	rtc_base_ns = (uint64_t)secs * NS_PER_SEC;
}

uint64_t plat_wall_ns(void)
{
	if (!rtc_state)
		rtc_init();
	if (rtc_state < 0)
		return 0; /* the platform cannot tell */
	return rtc_base_ns + (plat_time_ns() - rtc_base_mono);
}
