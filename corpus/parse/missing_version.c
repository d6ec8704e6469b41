/*
 * parse/missing_version - CORRECT (no finding): a generated header that
 * is not there.
 *
 * buildver.h is written by the build (version numbers stamped from the
 * release pipeline) and is not part of the source tree.  The code does not
 * depend on it: every value it could define has an #ifndef default below.
 * The include must be treated as empty (with a note, which is not a
 * finding).  The driver is correct: miniport (NDIS_INTERMEDIATE_DRIVER)
 * registered after the state its initialize handler reads, protocol
 * registered, both associated, both undone on every error path and in
 * unload.
 */
#include <ndis.h>
#include "buildver.h"

#ifndef MV_MAJOR_DRIVER_VERSION
#define MV_MAJOR_DRIVER_VERSION     1
#endif
#ifndef MV_MINOR_DRIVER_VERSION
#define MV_MINOR_DRIVER_VERSION     0
#endif
#ifndef MV_BUILD_TAG
#define MV_BUILD_TAG                "dev"
#endif

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MvInitialize;
MINIPORT_HALT MvHalt;
MINIPORT_UNLOAD MvUnload;

static NDIS_HANDLE MvMiniportHandle;
static NDIS_HANDLE MvProtocolHandle;
static ULONG MvDriverVersion;

_Use_decl_annotations_
NDIS_STATUS
MvInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    if (MvDriverVersion == 0) {
        return NDIS_STATUS_FAILURE;
    }
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MvHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
MvUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(MvProtocolHandle);
    NdisMDeregisterMiniportDriver(MvMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    DbgPrint("MVMUX " MV_BUILD_TAG ": version %u.%u\n",
             MV_MAJOR_DRIVER_VERSION, MV_MINOR_DRIVER_VERSION);
    MvDriverVersion = (MV_MAJOR_DRIVER_VERSION << 16) | MV_MINOR_DRIVER_VERSION;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.MajorDriverVersion = MV_MAJOR_DRIVER_VERSION;
    MChars.MinorDriverVersion = MV_MINOR_DRIVER_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = MvInitialize;
    MChars.HaltHandlerEx = MvHalt;
    MChars.UnloadHandler = MvUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MvMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &MvProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(MvMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(MvMiniportHandle, MvProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
