/*
 * Miniport handlers of the bad_multifile_initialize_callee fixture (see
 * driver.c).
 */
#include "mf.h"

_Use_decl_annotations_
NDIS_STATUS
MfInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    MF_CONFIG Config;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return MfReadConfiguration(MiniportAdapterHandle, &Config);
}

/* Only stored in the characteristics; no rule depends on it. */
_Use_decl_annotations_
VOID
MfSendNetBufferLists(NDIS_HANDLE MiniportAdapterContext, PNET_BUFFER_LIST NetBufferLists,
                     NDIS_PORT_NUMBER PortNumber, ULONG SendFlags)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(SendFlags);
    UNREFERENCED_PARAMETER(NetBufferLists);
    MfDroppedSends++;
}
