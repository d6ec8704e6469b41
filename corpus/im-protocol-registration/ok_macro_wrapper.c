/*
 * im-protocol-registration - CORRECT (no finding).
 * IM driver that calls both registration functions through its own macros:
 * IM_REGISTER_PROTOCOL wraps NdisRegisterProtocolDriver, and IM_CHECK jumps to
 * the cleanup label on failure.  A call written through a driver macro is
 * still a call.  The cleanup deregisters the miniport only when its (global,
 * zero until written) handle was set by a successful registration.
 */
#include <ndis.h>

#define IM_REGISTER_PROTOCOL(Chars, Handle) \
    NdisRegisterProtocolDriver(NULL, (Chars), (Handle))

#define IM_CHECK(Expr)                   \
    do {                                 \
        Status = (Expr);                 \
        if (!NT_SUCCESS(Status)) {       \
            goto Cleanup;                \
        }                                \
    } while (0)

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

NDIS_HANDLE ImMiniportHandle;
NDIS_HANDLE ImProtocolHandle;

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (ImProtocolHandle != NULL) {
        NdisDeregisterProtocolDriver(ImProtocolHandle);
    }
    if (ImMiniportHandle != NULL) {
        NdisMDeregisterMiniportDriver(ImMiniportHandle);
    }
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    IM_CHECK(NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ImMiniportHandle));
    IM_CHECK(IM_REGISTER_PROTOCOL(&PChars, &ImProtocolHandle));
    NdisIMAssociateMiniport(ImMiniportHandle, ImProtocolHandle);
    return NDIS_STATUS_SUCCESS;

Cleanup:
    if (ImMiniportHandle != NULL) {
        NdisMDeregisterMiniportDriver(ImMiniportHandle);
    }
    return Status;
}
