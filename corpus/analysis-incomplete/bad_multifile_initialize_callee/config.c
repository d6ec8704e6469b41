/*
 * Configuration helpers of the bad_multifile_initialize_callee fixture (see
 * driver.c).
 */
#include "mf.h"

/* Sets up the lock that protects the configuration (before registration). */
VOID
MfInitGlobals(VOID)
{
    NdisAllocateSpinLock(&MfConfigLock);
}

/* Reads the adapter configuration; called by the initialize handler. */
_Use_decl_annotations_
NDIS_STATUS
MfReadConfiguration(NDIS_HANDLE MiniportAdapterHandle, PMF_CONFIG Config)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    NdisAcquireSpinLock(&MfConfigLock);
    Config->MaxBindings = 4;
    Config->MaxFrameSize = 1500;  // expect: analysis-incomplete
    NdisReleaseSpinLock(&MfConfigLock);
    return NDIS_STATUS_SUCCESS;
}

/* Debug helper; nothing calls it. */
_Use_decl_annotations_
VOID
MfDumpConfiguration(PMF_CONFIG Config)
{
    DbgPrint("MaxBindings %lu Mtu %lu\n", Config->MaxBindings, Config->MtuSize);
}
