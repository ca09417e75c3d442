/*
 * Drivers by device type, and the device initialisation sequence every transport shares
 * (virtio 1.2 §3.1.1): reset, ACKNOWLEDGE, DRIVER, features read and written, FEATURES_OK
 * set and read back (modern devices only: legacy ones have no such step), then the driver
 * sets up its queues and sets DRIVER_OK.
 */
#include <kiln/printk.h>
#include <kiln/virtio.h>

static struct kvirtio_driver *drivers;

void kvirtio_driver_register(struct kvirtio_driver *drv)
{
	drv->next = drivers;
	drivers = drv;
}

int kvirtio_device_found(struct kvirtio_dev *d)
{
	for (struct kvirtio_driver *drv = drivers; drv; drv = drv->next) {
		if (drv->type != d->type)
			continue;
		int err = drv->probe(d);
		if (err)
			printk(PRINTK_WARN, "virtio: %s refused a device on %s: %d\n", drv->name,
			       d->transport, err);
		return err;
	}
	printk(PRINTK_DEBUG, "virtio: no driver for type %u on %s\n", d->type, d->transport);
	return KVIRTIO_EIO;
}

int kvirtio_negotiate(struct kvirtio_dev *d, uint64_t wanted)
{
	d->ops->set_status(d, 0); /* reset: reads back 0 when done (§4.1.4.3.2) */
	while (d->ops->get_status(d))
		;
	d->ops->set_status(d, KVIRTIO_S_ACKNOWLEDGE);
	d->ops->set_status(d, KVIRTIO_S_ACKNOWLEDGE | KVIRTIO_S_DRIVER);
	uint64_t offered = d->ops->get_features(d);

	if (!d->legacy) {
		if (!((offered >> KVIRTIO_F_VERSION_1) & 1))
			return KVIRTIO_EIO;
		wanted |= 1ull << KVIRTIO_F_VERSION_1;
	} else {
		wanted &= 0xffffffffull;
	}
	d->features = offered & wanted;
	d->ops->set_features(d, d->features);
	if (d->legacy)
		return 0;
	uint8_t s = KVIRTIO_S_ACKNOWLEDGE | KVIRTIO_S_DRIVER | KVIRTIO_S_FEATURES_OK;
	d->ops->set_status(d, s);
	if (!(d->ops->get_status(d) & KVIRTIO_S_FEATURES_OK)) {
		d->ops->set_status(d, s | KVIRTIO_S_FAILED);
		return KVIRTIO_EIO;
	}
	return 0;
}

void kvirtio_driver_ok(struct kvirtio_dev *d)
{
	d->ops->set_status(d, d->ops->get_status(d) | KVIRTIO_S_DRIVER_OK);
}
