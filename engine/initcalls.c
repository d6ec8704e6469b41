/*
 * initcalls.c - APIs that initialize the state their arguments point to,
 * and APIs that release it.
 *
 * miniport-ready-before-register counts a call in the first group as a
 * write to the state behind each marked argument (`NdisAllocateSpinLock(
 * &Global.Lock)` initializes Global.Lock).  Calls in the second group, and
 * any API not listed, initialize nothing.  An API whose result is the new
 * object (NdisAllocateRWLock, NdisAllocateMemoryWithTagPriority) needs no
 * entry: storing its result is an assignment.  Adding an API is one line.
 */
#include <stddef.h>

#include "initcalls.h"
#include "../analyzer/model.h"

#define ARG(i) (1u << (i))

static const struct initcall initcalls[] = {
	/* locks */
	{ "NdisAllocateSpinLock", ARG(0), false },
	{ "KeInitializeSpinLock", ARG(0), false },
	{ "NdisInitializeReadWriteLock", ARG(0), false },
	{ "ExInitializeResourceLite", ARG(0), false },
	{ "KeInitializeMutex", ARG(0), false },
	{ "ExInitializeFastMutex", ARG(0), false },
	/* lists */
	{ "InitializeListHead", ARG(0), false },
	{ "NdisInitializeListHead", ARG(0), false },
	{ "InitializeSListHead", ARG(0), false },
	{ "NdisInitializeSListHead", ARG(0), false },
	/* lookaside lists */
	{ "NdisInitializeNPagedLookasideList", ARG(0), false },
	{ "ExInitializeNPagedLookasideList", ARG(0), false },
	{ "ExInitializePagedLookasideList", ARG(0), false },
	/* events, timers, DPCs */
	{ "NdisInitializeEvent", ARG(0), false },
	{ "KeInitializeEvent", ARG(0), false },
	{ "KeInitializeTimer", ARG(0), false },
	{ "KeInitializeTimerEx", ARG(0), false },
	{ "KeInitializeDpc", ARG(0), false },
	/* memory and strings */
	{ "NdisZeroMemory", ARG(0), false },
	{ "RtlZeroMemory", ARG(0), false },
	{ "memset", ARG(0), false },
	{ "NdisMoveMemory", ARG(0), false },
	{ "RtlCopyMemory", ARG(0), false },
	{ "RtlMoveMemory", ARG(0), false },
	{ "memcpy", ARG(0), false },
	{ "memmove", ARG(0), false },
	{ "NdisInitUnicodeString", ARG(0), false },
	{ "RtlInitUnicodeString", ARG(0), false },
	/* out-parameters */
	{ "NdisRegisterDeviceEx", ARG(2) | ARG(3), false },
	{ "IoCreateDevice", ARG(6), false },
	{ "NdisOpenConfigurationEx", ARG(1), false },
	{ "NdisAllocateMemoryWithTag", ARG(0), false },
	/* releasing: never initializations */
	{ "NdisFreeSpinLock", 0, true },
	{ "NdisFreeRWLock", 0, true },
	{ "NdisFreeMemory", 0, true },
	{ "NdisFreeMemoryWithTagPriority", 0, true },
	{ "NdisDeleteNPagedLookasideList", 0, true },
	{ "ExDeleteNPagedLookasideList", 0, true },
	{ "NdisDeregisterDeviceEx", 0, true },
	{ "IoDeleteDevice", 0, true },
	{ "ExDeleteResourceLite", 0, true },
};

size_t initcall_count(void)
{
	return sizeof(initcalls) / sizeof(initcalls[0]);
}

const struct initcall *initcall_at(size_t i)
{
	return i < initcall_count() ? &initcalls[i] : NULL;
}

const struct initcall *initcall_find(const struct event *ev)
{
	for (size_t i = 0; i < sizeof(initcalls) / sizeof(initcalls[0]); i++)
		if (model_call_is(ev, initcalls[i].name))
			return &initcalls[i];
	return NULL;
}
